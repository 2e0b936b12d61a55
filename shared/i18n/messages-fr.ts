import type { Catalog } from './messages-en';

/** The French catalog. */
export const FR_MESSAGES: Catalog = {
  'app.cannotStart': 'Mailbag ne peut pas démarrer',
  'app.unreachable': 'Mailbag est injoignable.',
  'app.opening': 'Ouverture de votre courrier…',
  'settings.loadFailed': 'Les réglages n’ont pas pu être chargés.',
  'settings.saveFailed': 'Les réglages n’ont pas pu être enregistrés.',
  'language.title': 'Langue',
  'language.label': 'Langue de la fenêtre et des messages que vous écrivez',
  'language.system': 'Comme le système ({language})',
  'language.hint': 'Les en-têtes de réponse et de transfert, les dates et les tailles suivent aussi ce choix. Le changement s’applique aussitôt.',
  'message.noSubject': '(sans objet)',
  'message.label': 'Message',
  'window.messageTitle': '{subject} — Mailbag',
};
