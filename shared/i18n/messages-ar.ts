import type { Catalog } from './messages-en';

/** The Arabic catalog (written right to left). */
export const AR_MESSAGES: Catalog = {
  'app.cannotStart': 'تعذّر بدء Mailbag',
  'app.unreachable': 'لا يمكن الوصول إلى Mailbag.',
  'app.opening': 'جارٍ فتح بريدك…',
  'settings.loadFailed': 'تعذّر تحميل الإعدادات.',
  'settings.saveFailed': 'تعذّر حفظ الإعدادات.',
  'language.title': 'اللغة',
  'language.label': 'لغة النافذة والرسائل التي تكتبها',
  'language.system': 'مثل النظام ({language})',
  'language.hint': 'تتبع ترويسات الرد والتحويل والتواريخ والأحجام هذا الاختيار أيضًا. يسري التغيير فورًا.',
  'message.noSubject': '(بلا موضوع)',
  'message.label': 'رسالة',
  'window.messageTitle': '{subject} — Mailbag',
};
