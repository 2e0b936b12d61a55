import type { Catalog } from './messages-en';

/** The German catalog. */
export const DE_MESSAGES: Catalog = {
  'app.cannotStart': 'Mailbag kann nicht starten',
  'app.unreachable': 'Mailbag ist nicht erreichbar.',
  'app.opening': 'Ihre E-Mails werden geöffnet…',
  'settings.loadFailed': 'Die Einstellungen konnten nicht geladen werden.',
  'settings.saveFailed': 'Die Einstellungen konnten nicht gespeichert werden.',
  'language.title': 'Sprache',
  'language.label': 'Sprache des Fensters und der E-Mails, die Sie schreiben',
  'language.system': 'Wie das System ({language})',
  'language.hint': 'Antwort- und Weiterleitungskopf, Datumsangaben und Größen folgen dieser Wahl ebenfalls. Die Änderung gilt sofort.',
  'message.noSubject': '(kein Betreff)',
  'message.label': 'Nachricht',
  'window.messageTitle': '{subject} — Mailbag',
};
