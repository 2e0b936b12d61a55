/**
 * The specific sentences of the errors that the store, the workers, the jobs and the protocol engines give, in every language. The English object is the
 * source; each translation has exactly its ids (a missing or extra one fails type-checking). The
 * catalogs join the areas.
 */
import type { AreaCatalog } from './area-catalog';

/** English. */
export const STORAGE_ERRORS_EN = {
  'storageError.noMessage': 'There is no message {id}.',
  'storageError.noOutboxMessage': 'There is no message {id} in the Outbox.',
  'storageError.messageNotInFolders': 'Message {id} is not in these folders.',
  'storageError.noFolder': 'There is no folder {id}.',
  'storageError.noAccount': 'There is no account {id}.',
  'storageError.accountMissing': 'The account {id} does not exist.',
  'storageError.folderNotOfAccount': 'Folder {id} is not a folder of this account.',
  'storageError.newMessagesNotSaved': 'The new messages could not be saved.',
  'storageError.messageNotSaved': 'The message could not be saved.',
  'storageError.messageNotRecorded': 'The message was not recorded.',
  'storageError.committedIncomplete': 'A message was committed before its bytes were complete.',
  'storageError.batchIncomplete': 'The store did not report every message of a batch.',
  'storageError.rawFolderNotCreated': 'Mailbag cannot create its message folder {path}.',
  'storageError.packChecksum': 'Message {id} in {pack} does not match its checksum; the pack was left as it is.',
  'storageError.folderNameEmpty': 'A folder needs a name.',
  'storageError.folderNameTooLong': 'A folder name may have at most {max, plural, one {# character} other {# characters}}.',
  'storageError.folderNameLength': 'A folder name needs 1 to {max, plural, one {# character} other {# characters}}.',
  'storageError.folderNameControl': 'A folder name may not contain control characters.',
  'storageError.folderNameTakenHere': 'There is already a folder called {name} here.',
  'storageError.folderNameTaken': 'There is already a folder called {name}.',
  'storageError.outboxHoldsNoFolders': 'The Outbox holds no folders.',
  'storageError.subfolderAccount': 'A sub-folder belongs to the account of its folder.',
  'storageError.foldersTooDeep': 'Folders nest at most {max, number} deep.',
  'storageError.specialFolderFixed': 'Inbox, Drafts, Outbox, Sent, Trash and Junk cannot be renamed or deleted.',
  'storageError.copyFolderAccount': 'Messages can only go to a folder of their own account or to Local Folders.',
  'storageError.moveFolderAccount': 'Messages can only move to a folder of their own account or to Local Folders.',
  'storageError.offsetWhole': 'The offset must be a whole number, 0 or more.',
  'storageError.limitWhole': 'The limit must be a whole number, 1 or more.',
  'storageError.pageOfMessages': 'A page holds 1 to {max, plural, one {# message} other {# messages}}.',
  'storageError.pageOfConversations': 'A page holds 1 to {max, plural, one {# conversation} other {# conversations}}.',
  'storageError.listDirectionTwice': 'Give the list direction once: order and direction disagree.',
  'storageError.contactGone': 'That contact no longer exists.',
  'storageError.contactEmpty': 'A contact needs a name or an address.',
  'storageError.mergeTwo': 'Choose at least two contacts to merge.',
  'storageError.groupNameEmpty': 'A group needs a name.',
  'storageError.groupGone': 'That group no longer exists.',
  'storageError.messageUnreadable': 'Message {id} could not be read.',
  'storageError.indexNotWritten': 'The index could not be written.',
  'storageError.workerOutOfOrder':
    '{worker, select, parser {The parser sent a message out of order.} reader {The message reader sent a message out of order.} conversations {The conversation view sent a message out of order.} other {A background worker sent a message out of order.}}',
  'storageError.workerStopped':
    '{worker, select, parser {The parser stopped unexpectedly.} reader {The message reader stopped unexpectedly.} conversations {The conversation view stopped unexpectedly.} other {A background worker stopped unexpectedly.}}',
  'storageError.workerNotRunning':
    '{worker, select, parser {The parser is not running.} reader {The message reader is not running.} conversations {The conversation view is not running.} other {A background worker is not running.}}',
  'storageError.parserAnsweredCount': 'The parser answered a parse request with an index count.',
  'storageError.parserAnsweredResults': 'The parser answered an index request with results.',
  'storageError.readerWrongAnswer': 'The message reader answered the wrong request.',
  'storageError.noSuchAttachment': 'This message has no such attachment.',
  'storageError.attachmentTooLarge': 'This attachment is larger than {megabytes, number} MB; export the whole message to keep it.',
  'storageError.serverNoUidl': 'This server does not give its messages unique ids (UIDL), so Mailbag cannot safely act on single messages there.',
  'storageError.notOutlookFile': '{file} is not an Outlook data file (.pst or .ost) Mailbag can read, or it is cut short or damaged where its index is.',
  'storageError.cannotLeaveMail':
    'This server cannot name its messages (no UIDL) nor show their headers (no TOP), so Mailbag cannot leave mail on it without downloading it again at every check. Choose “delete from server after download” for this account.',
  'storageError.storeBusyRetry': 'The mail store was busy for too long; the check will be retried.',
  'storageError.ruleAnswer.notAnswered':
    '{reason, select, autoSubmitted {Message {id} is not answered: it was sent automatically (Auto-Submitted).} precedence {Message {id} is not answered: it is bulk or list mail (Precedence).} mailingList {Message {id} is not answered: it came through a mailing list (List-Id).} nullReturnPath {Message {id} is not answered: it is a bounce (empty Return-Path).} mailerDaemon {Message {id} is not answered: it comes from a mail server (MAILER-DAEMON).} deliveryReport {Message {id} is not answered: it is a delivery report (multipart/report).} other {Message {id} is not answered: it has no address to answer.}}',
} as const;

/** German. */
export const STORAGE_ERRORS_DE: AreaCatalog<typeof STORAGE_ERRORS_EN> = {
  'storageError.noMessage': 'Es gibt keine Nachricht {id}.',
  'storageError.noOutboxMessage': 'Im Postausgang gibt es keine Nachricht {id}.',
  'storageError.messageNotInFolders': 'Die Nachricht {id} liegt nicht in diesen Ordnern.',
  'storageError.noFolder': 'Es gibt keinen Ordner {id}.',
  'storageError.noAccount': 'Es gibt kein Konto {id}.',
  'storageError.accountMissing': 'Das Konto {id} existiert nicht.',
  'storageError.folderNotOfAccount': 'Der Ordner {id} gehört nicht zu diesem Konto.',
  'storageError.newMessagesNotSaved': 'Die neuen Nachrichten konnten nicht gespeichert werden.',
  'storageError.messageNotSaved': 'Die Nachricht konnte nicht gespeichert werden.',
  'storageError.messageNotRecorded': 'Die Nachricht wurde nicht erfasst.',
  'storageError.committedIncomplete': 'Eine Nachricht wurde übernommen, bevor alle ihre Bytes vorlagen.',
  'storageError.batchIncomplete': 'Der Nachrichtenspeicher hat nicht jede Nachricht eines Stapels gemeldet.',
  'storageError.rawFolderNotCreated': 'Mailbag kann seinen Nachrichtenordner {path} nicht anlegen.',
  'storageError.packChecksum': 'Die Nachricht {id} in {pack} stimmt nicht mit ihrer Prüfsumme überein; das Paket wurde unverändert gelassen.',
  'storageError.folderNameEmpty': 'Ein Ordner braucht einen Namen.',
  'storageError.folderNameTooLong': 'Ein Ordnername darf höchstens {max, plural, one {# Zeichen} other {# Zeichen}} lang sein.',
  'storageError.folderNameLength': 'Ein Ordnername muss 1 bis {max, plural, one {# Zeichen} other {# Zeichen}} lang sein.',
  'storageError.folderNameControl': 'Ein Ordnername darf keine Steuerzeichen enthalten.',
  'storageError.folderNameTakenHere': 'Hier gibt es bereits einen Ordner namens {name}.',
  'storageError.folderNameTaken': 'Es gibt bereits einen Ordner namens {name}.',
  'storageError.outboxHoldsNoFolders': 'Der Postausgang kann keine Ordner enthalten.',
  'storageError.subfolderAccount': 'Ein Unterordner gehört zum Konto seines übergeordneten Ordners.',
  'storageError.foldersTooDeep': 'Ordner lassen sich höchstens {max, plural, one {# Ebene} other {# Ebenen}} tief verschachteln.',
  'storageError.specialFolderFixed': 'Posteingang, Entwürfe, Postausgang, Gesendet, Papierkorb und Spam können nicht umbenannt oder gelöscht werden.',
  'storageError.copyFolderAccount': 'Nachrichten können nur in einen Ordner ihres eigenen Kontos oder in die Lokalen Ordner gelangen.',
  'storageError.moveFolderAccount': 'Nachrichten können nur in einen Ordner ihres eigenen Kontos oder in die Lokalen Ordner verschoben werden.',
  'storageError.offsetWhole': 'Der Versatz muss eine ganze Zahl ab 0 sein.',
  'storageError.limitWhole': 'Die Höchstanzahl muss eine ganze Zahl ab 1 sein.',
  'storageError.pageOfMessages': 'Eine Seite umfasst 1 bis {max, plural, one {# Nachricht} other {# Nachrichten}}.',
  'storageError.pageOfConversations': 'Eine Seite umfasst 1 bis {max, plural, one {# Unterhaltung} other {# Unterhaltungen}}.',
  'storageError.listDirectionTwice': 'Geben Sie die Sortierrichtung nur einmal an: Reihenfolge und Richtung widersprechen sich.',
  'storageError.contactGone': 'Dieser Kontakt existiert nicht mehr.',
  'storageError.contactEmpty': 'Ein Kontakt braucht einen Namen oder eine Adresse.',
  'storageError.mergeTwo': 'Wählen Sie mindestens zwei Kontakte zum Zusammenführen aus.',
  'storageError.groupNameEmpty': 'Eine Gruppe braucht einen Namen.',
  'storageError.groupGone': 'Diese Gruppe existiert nicht mehr.',
  'storageError.messageUnreadable': 'Die Nachricht {id} konnte nicht gelesen werden.',
  'storageError.indexNotWritten': 'Der Suchindex konnte nicht geschrieben werden.',
  'storageError.workerOutOfOrder':
    '{worker, select, parser {Der Parser hat eine Nachricht außer der Reihe gesendet.} reader {Die Nachrichtenanzeige hat eine Nachricht außer der Reihe gesendet.} conversations {Die Unterhaltungsansicht hat eine Nachricht außer der Reihe gesendet.} other {Ein Hintergrundprozess hat eine Nachricht außer der Reihe gesendet.}}',
  'storageError.workerStopped':
    '{worker, select, parser {Der Parser wurde unerwartet beendet.} reader {Die Nachrichtenanzeige wurde unerwartet beendet.} conversations {Die Unterhaltungsansicht wurde unerwartet beendet.} other {Ein Hintergrundprozess wurde unerwartet beendet.}}',
  'storageError.workerNotRunning':
    '{worker, select, parser {Der Parser läuft nicht.} reader {Die Nachrichtenanzeige läuft nicht.} conversations {Die Unterhaltungsansicht läuft nicht.} other {Ein Hintergrundprozess läuft nicht.}}',
  'storageError.parserAnsweredCount': 'Der Parser hat eine Analyseanfrage mit einer Indexanzahl beantwortet.',
  'storageError.parserAnsweredResults': 'Der Parser hat eine Indexanfrage mit Analyseergebnissen beantwortet.',
  'storageError.readerWrongAnswer': 'Die Nachrichtenanzeige hat auf die falsche Anfrage geantwortet.',
  'storageError.noSuchAttachment': 'Diese Nachricht hat keinen solchen Anhang.',
  'storageError.attachmentTooLarge': 'Dieser Anhang ist größer als {megabytes, number} MB; exportieren Sie die ganze Nachricht, um ihn zu behalten.',
  'storageError.serverNoUidl':
    'Dieser Server vergibt keine eindeutigen IDs für seine Nachrichten (UIDL), daher kann Mailbag dort nicht sicher mit einzelnen Nachrichten arbeiten.',
  'storageError.notOutlookFile':
    '{file} ist keine Outlook-Datendatei (.pst oder .ost), die Mailbag lesen kann, oder sie ist im Bereich ihres Index abgeschnitten oder beschädigt.',
  'storageError.cannotLeaveMail':
    'Dieser Server kann seine Nachrichten weder benennen (kein UIDL) noch ihre Kopfzeilen zeigen (kein TOP), daher kann Mailbag keine E-Mails auf ihm belassen, ohne sie bei jedem Abruf erneut herunterzuladen. Wählen Sie für dieses Konto „nach dem Herunterladen vom Server löschen“.',
  'storageError.storeBusyRetry': 'Der Nachrichtenspeicher war zu lange ausgelastet; der Abruf wird später wiederholt.',
  'storageError.ruleAnswer.notAnswered':
    '{reason, select, autoSubmitted {Nachricht {id} wird nicht beantwortet: Sie wurde automatisch gesendet (Auto-Submitted).} precedence {Nachricht {id} wird nicht beantwortet: Sie ist Massen- oder Listen-Mail (Precedence).} mailingList {Nachricht {id} wird nicht beantwortet: Sie kam über eine Mailingliste (List-Id).} nullReturnPath {Nachricht {id} wird nicht beantwortet: Sie ist eine Unzustellbarkeitsnachricht (leerer Return-Path).} mailerDaemon {Nachricht {id} wird nicht beantwortet: Sie stammt von einem Mailserver (MAILER-DAEMON).} deliveryReport {Nachricht {id} wird nicht beantwortet: Sie ist ein Zustellbericht (multipart/report).} other {Nachricht {id} wird nicht beantwortet: Sie hat keine Adresse, an die geantwortet werden kann.}}',
};

/** French. */
export const STORAGE_ERRORS_FR: AreaCatalog<typeof STORAGE_ERRORS_EN> = {
  'storageError.noMessage': 'Le message {id} n’existe pas.',
  'storageError.noOutboxMessage': 'Le message {id} ne se trouve pas dans la boîte d’envoi.',
  'storageError.messageNotInFolders': 'Le message {id} ne se trouve pas dans ces dossiers.',
  'storageError.noFolder': 'Le dossier {id} n’existe pas.',
  'storageError.noAccount': 'Il n’y a aucun compte {id}.',
  'storageError.accountMissing': 'Le compte {id} n’existe pas.',
  'storageError.folderNotOfAccount': 'Le dossier {id} n’appartient pas à ce compte.',
  'storageError.newMessagesNotSaved': 'Les nouveaux messages n’ont pas pu être enregistrés.',
  'storageError.messageNotSaved': 'Le message n’a pas pu être enregistré.',
  'storageError.messageNotRecorded': 'Le message n’a pas été inscrit dans la base.',
  'storageError.committedIncomplete': 'Un message a été validé avant que tous ses octets soient arrivés.',
  'storageError.batchIncomplete': 'Le stockage n’a pas rendu compte de chaque message d’un lot.',
  'storageError.rawFolderNotCreated': 'Mailbag ne peut pas créer son dossier de messages {path}.',
  'storageError.packChecksum': 'Le message {id} dans {pack} ne correspond pas à sa somme de contrôle ; le paquet a été laissé tel quel.',
  'storageError.folderNameEmpty': 'Un dossier doit avoir un nom.',
  'storageError.folderNameTooLong': 'Un nom de dossier peut comporter au plus {max, plural, one {# caractère} other {# caractères}}.',
  'storageError.folderNameLength': 'Un nom de dossier doit comporter de 1 à {max, plural, one {# caractère} other {# caractères}}.',
  'storageError.folderNameControl': 'Un nom de dossier ne peut pas contenir de caractères de contrôle.',
  'storageError.folderNameTakenHere': 'Il existe déjà ici un dossier nommé {name}.',
  'storageError.folderNameTaken': 'Il existe déjà un dossier nommé {name}.',
  'storageError.outboxHoldsNoFolders': 'La boîte d’envoi ne peut pas contenir de dossiers.',
  'storageError.subfolderAccount': 'Un sous-dossier appartient au compte de son dossier parent.',
  'storageError.foldersTooDeep': 'Les dossiers s’imbriquent sur {max, plural, one {# niveau} other {# niveaux}} au plus.',
  'storageError.specialFolderFixed':
    'Les dossiers Boîte de réception, Brouillons, Boîte d’envoi, Envoyés, Corbeille et Indésirables ne peuvent être ni renommés ni supprimés.',
  'storageError.copyFolderAccount': 'Les messages ne peuvent aller que dans un dossier de leur propre compte ou dans Dossiers locaux.',
  'storageError.moveFolderAccount': 'Les messages ne peuvent être déplacés que vers un dossier de leur propre compte ou vers Dossiers locaux.',
  'storageError.offsetWhole': 'Le décalage doit être un nombre entier, 0 ou plus.',
  'storageError.limitWhole': 'La limite doit être un nombre entier, 1 ou plus.',
  'storageError.pageOfMessages': 'Une page contient de 1 à {max, plural, one {# message} other {# messages}}.',
  'storageError.pageOfConversations': 'Une page contient de 1 à {max, plural, one {# conversation} other {# conversations}}.',
  'storageError.listDirectionTwice': 'Indiquez le sens du tri une seule fois : l’ordre et le sens se contredisent.',
  'storageError.contactGone': 'Ce contact n’existe plus.',
  'storageError.contactEmpty': 'Un contact doit avoir un nom ou une adresse.',
  'storageError.mergeTwo': 'Choisissez au moins deux contacts à fusionner.',
  'storageError.groupNameEmpty': 'Un groupe doit avoir un nom.',
  'storageError.groupGone': 'Ce groupe n’existe plus.',
  'storageError.messageUnreadable': 'Le message {id} n’a pas pu être lu.',
  'storageError.indexNotWritten': 'L’index de recherche n’a pas pu être écrit.',
  'storageError.workerOutOfOrder':
    '{worker, select, parser {L’analyseur a envoyé un message dans le désordre.} reader {Le lecteur de messages a envoyé un message dans le désordre.} conversations {La vue des conversations a envoyé un message dans le désordre.} other {Un processus d’arrière-plan a envoyé un message dans le désordre.}}',
  'storageError.workerStopped':
    '{worker, select, parser {L’analyseur s’est arrêté de façon inattendue.} reader {Le lecteur de messages s’est arrêté de façon inattendue.} conversations {La vue des conversations s’est arrêtée de façon inattendue.} other {Un processus d’arrière-plan s’est arrêté de façon inattendue.}}',
  'storageError.workerNotRunning':
    '{worker, select, parser {L’analyseur ne fonctionne pas.} reader {Le lecteur de messages ne fonctionne pas.} conversations {La vue des conversations ne fonctionne pas.} other {Un processus d’arrière-plan ne fonctionne pas.}}',
  'storageError.parserAnsweredCount': 'L’analyseur a répondu à une demande d’analyse par un nombre d’entrées d’index.',
  'storageError.parserAnsweredResults': 'L’analyseur a répondu à une demande d’indexation par des résultats d’analyse.',
  'storageError.readerWrongAnswer': 'Le lecteur de messages a répondu à la mauvaise demande.',
  'storageError.noSuchAttachment': 'Ce message ne contient pas cette pièce jointe.',
  'storageError.attachmentTooLarge': 'Cette pièce jointe dépasse {megabytes, number} Mo ; exportez le message entier pour la conserver.',
  'storageError.serverNoUidl':
    'Ce serveur ne donne pas d’identifiants uniques à ses messages (UIDL) : Mailbag ne peut donc pas y agir sans risque sur des messages isolés.',
  'storageError.notOutlookFile':
    '{file} n’est pas un fichier de données Outlook (.pst ou .ost) que Mailbag sait lire, ou bien il est tronqué ou endommagé à l’endroit de son index.',
  'storageError.cannotLeaveMail':
    'Ce serveur ne peut ni nommer ses messages (pas d’UIDL) ni montrer leurs en-têtes (pas de TOP) : Mailbag ne peut donc pas y laisser le courrier sans le télécharger de nouveau à chaque relève. Choisissez « supprimer du serveur après téléchargement » pour ce compte.',
  'storageError.storeBusyRetry': 'Le stockage du courrier est resté occupé trop longtemps ; la relève sera relancée plus tard.',
  'storageError.ruleAnswer.notAnswered':
    '{reason, select, autoSubmitted {Le message {id} ne reçoit pas de réponse : il a été envoyé automatiquement (Auto-Submitted).} precedence {Le message {id} ne reçoit pas de réponse : il s’agit de courrier de masse ou de liste (Precedence).} mailingList {Le message {id} ne reçoit pas de réponse : il provient d’une liste de diffusion (List-Id).} nullReturnPath {Le message {id} ne reçoit pas de réponse : c’est un message de non-remise (Return-Path vide).} mailerDaemon {Le message {id} ne reçoit pas de réponse : il provient d’un serveur de messagerie (MAILER-DAEMON).} deliveryReport {Le message {id} ne reçoit pas de réponse : c’est un rapport de remise (multipart/report).} other {Le message {id} ne reçoit pas de réponse : il n’a aucune adresse à laquelle répondre.}}',
};

/** Arabic. */
export const STORAGE_ERRORS_AR: AreaCatalog<typeof STORAGE_ERRORS_EN> = {
  'storageError.noMessage': 'لا توجد رسالة برقم {id}.',
  'storageError.noOutboxMessage': 'لا توجد رسالة برقم {id} في صندوق الصادر.',
  'storageError.messageNotInFolders': 'الرسالة {id} ليست في هذه المجلدات.',
  'storageError.noFolder': 'لا يوجد مجلد برقم {id}.',
  'storageError.noAccount': 'لا يوجد حساب {id}.',
  'storageError.accountMissing': 'الحساب {id} غير موجود.',
  'storageError.folderNotOfAccount': 'المجلد {id} ليس من مجلدات هذا الحساب.',
  'storageError.newMessagesNotSaved': 'تعذّر حفظ الرسائل الجديدة.',
  'storageError.messageNotSaved': 'تعذّر حفظ الرسالة.',
  'storageError.messageNotRecorded': 'لم تُسجَّل الرسالة.',
  'storageError.committedIncomplete': 'اعتُمدت رسالة قبل اكتمال بياناتها.',
  'storageError.batchIncomplete': 'لم يُبلغ مخزن الرسائل عن كل رسائل الدفعة.',
  'storageError.rawFolderNotCreated': 'لا يستطيع Mailbag إنشاء مجلد رسائله {path}.',
  'storageError.packChecksum': 'الرسالة {id} في {pack} لا تطابق مجموع التحقق الخاص بها؛ تُركت الحزمة كما هي.',
  'storageError.folderNameEmpty': 'يحتاج المجلد إلى اسم.',
  'storageError.folderNameTooLong':
    'لا يجوز أن يزيد اسم المجلد على {max, plural, zero {# حرف} one {حرف واحد} two {حرفين} few {# أحرف} many {# حرفًا} other {# حرف}}.',
  'storageError.folderNameLength':
    'يحتاج اسم المجلد إلى ما بين حرف واحد و{max, plural, zero {# حرف} one {حرف واحد} two {حرفين} few {# أحرف} many {# حرفًا} other {# حرف}}.',
  'storageError.folderNameControl': 'لا يجوز أن يحتوي اسم المجلد على أحرف تحكم.',
  'storageError.folderNameTakenHere': 'يوجد هنا بالفعل مجلد باسم {name}.',
  'storageError.folderNameTaken': 'يوجد بالفعل مجلد باسم {name}.',
  'storageError.outboxHoldsNoFolders': 'لا يمكن أن يحتوي صندوق الصادر على مجلدات.',
  'storageError.subfolderAccount': 'ينتمي المجلد الفرعي إلى حساب المجلد الذي يحتويه.',
  'storageError.foldersTooDeep':
    'لا يمكن أن تتداخل المجلدات بعمق يزيد على {max, plural, zero {# مستوى} one {مستوى واحد} two {مستويين} few {# مستويات} many {# مستوى} other {# مستوى}}.',
  'storageError.specialFolderFixed': 'لا يمكن إعادة تسمية مجلدات الوارد والمسودات والصادر والمرسل والمهملات وغير المرغوب ولا حذفها.',
  'storageError.copyFolderAccount': 'لا يمكن أن تذهب الرسائل إلا إلى مجلد في حسابها نفسه أو إلى المجلدات المحلية.',
  'storageError.moveFolderAccount': 'لا يمكن نقل الرسائل إلا إلى مجلد في حسابها نفسه أو إلى المجلدات المحلية.',
  'storageError.offsetWhole': 'يجب أن تكون الإزاحة عددًا صحيحًا يساوي 0 أو أكثر.',
  'storageError.limitWhole': 'يجب أن يكون الحد عددًا صحيحًا يساوي 1 أو أكثر.',
  'storageError.pageOfMessages':
    'تتسع الصفحة لما بين رسالة واحدة و{max, plural, zero {# رسالة} one {رسالة واحدة} two {رسالتين} few {# رسائل} many {# رسالة} other {# رسالة}}.',
  'storageError.pageOfConversations':
    'تتسع الصفحة لما بين محادثة واحدة و{max, plural, zero {# محادثة} one {محادثة واحدة} two {محادثتين} few {# محادثات} many {# محادثة} other {# محادثة}}.',
  'storageError.listDirectionTwice': 'حدّد اتجاه ترتيب القائمة مرة واحدة فقط: الترتيب والاتجاه متعارضان.',
  'storageError.contactGone': 'جهة الاتصال هذه لم تعد موجودة.',
  'storageError.contactEmpty': 'تحتاج جهة الاتصال إلى اسم أو عنوان.',
  'storageError.mergeTwo': 'اختر جهتي اتصال على الأقل لدمجهما.',
  'storageError.groupNameEmpty': 'تحتاج المجموعة إلى اسم.',
  'storageError.groupGone': 'هذه المجموعة لم تعد موجودة.',
  'storageError.messageUnreadable': 'تعذّرت قراءة الرسالة {id}.',
  'storageError.indexNotWritten': 'تعذّرت كتابة فهرس البحث.',
  'storageError.workerOutOfOrder':
    '{worker, select, parser {أرسل المحلّل رسالة خارج الترتيب.} reader {أرسل قارئ الرسائل رسالة خارج الترتيب.} conversations {أرسل عرض المحادثات رسالة خارج الترتيب.} other {أرسلت إحدى عمليات الخلفية رسالة خارج الترتيب.}}',
  'storageError.workerStopped':
    '{worker, select, parser {توقف المحلّل على نحو غير متوقع.} reader {توقف قارئ الرسائل على نحو غير متوقع.} conversations {توقف عرض المحادثات على نحو غير متوقع.} other {توقفت إحدى عمليات الخلفية على نحو غير متوقع.}}',
  'storageError.workerNotRunning':
    '{worker, select, parser {المحلّل لا يعمل.} reader {قارئ الرسائل لا يعمل.} conversations {عرض المحادثات لا يعمل.} other {إحدى عمليات الخلفية لا تعمل.}}',
  'storageError.parserAnsweredCount': 'أجاب المحلّل عن طلب تحليل بعدد عناصر الفهرس.',
  'storageError.parserAnsweredResults': 'أجاب المحلّل عن طلب فهرسة بنتائج تحليل.',
  'storageError.readerWrongAnswer': 'أجاب قارئ الرسائل عن طلب غير الطلب المرسل.',
  'storageError.noSuchAttachment': 'لا تحتوي هذه الرسالة على هذا المرفق.',
  'storageError.attachmentTooLarge': 'حجم هذا المرفق أكبر من {megabytes, number} ميغابايت؛ صدّر الرسالة كاملة للاحتفاظ به.',
  'storageError.serverNoUidl': 'لا يعطي هذا الخادم رسائله معرّفات فريدة (UIDL)، لذا لا يستطيع Mailbag التعامل بأمان مع رسائل مفردة عليه.',
  'storageError.notOutlookFile': '{file} ليس ملف بيانات Outlook (‎.pst أو ‎.ost) يستطيع Mailbag قراءته، أو أنه مقطوع أو تالف في موضع فهرسه.',
  'storageError.cannotLeaveMail':
    'لا يستطيع هذا الخادم تسمية رسائله (لا يدعم UIDL) ولا عرض ترويساتها (لا يدعم TOP)، لذا لا يستطيع Mailbag ترك البريد عليه دون تنزيله من جديد عند كل فحص. اختر «يُحذف من الخادم بعد التنزيل» لهذا الحساب.',
  'storageError.storeBusyRetry': 'ظل مخزن البريد مشغولًا مدة طويلة جدًا؛ ستُعاد محاولة التحقق لاحقًا.',
  'storageError.ruleAnswer.notAnswered':
    '{reason, select, autoSubmitted {لن يُرَدّ على الرسالة {id}: فقد أُرسلت تلقائيًا (Auto-Submitted).} precedence {لن يُرَدّ على الرسالة {id}: فهي بريد جماعي أو بريد قائمة (Precedence).} mailingList {لن يُرَدّ على الرسالة {id}: فقد وصلت عبر قائمة بريدية (List-Id).} nullReturnPath {لن يُرَدّ على الرسالة {id}: فهي رسالة ارتداد (Return-Path فارغ).} mailerDaemon {لن يُرَدّ على الرسالة {id}: فهي صادرة عن خادم بريد (MAILER-DAEMON).} deliveryReport {لن يُرَدّ على الرسالة {id}: فهي تقرير تسليم (multipart/report).} other {لن يُرَدّ على الرسالة {id}: فليس لها عنوان يمكن الرد عليه.}}',
};
