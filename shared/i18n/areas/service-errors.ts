/**
 * The specific sentences of the errors that services (accounts, the Outbox, provider sign-in, backups, export, drafts, credentials, discovery, settings) give, in every language. The English object is the
 * source; each translation has exactly its ids (a missing or extra one fails type-checking). The
 * catalogs join the areas.
 */
import type { AreaCatalog } from './area-catalog';

/** English. */
export const SERVICE_ERRORS_EN = {
  'serviceError.account.noSuchId': 'There is no account with this id.',
  'serviceError.account.ambiguous':
    '{field, select, name {More than one account has the name "{reference}"; use the account id.} other {More than one account has the address "{reference}"; use the account id.}}',
  'serviceError.account.noneCalled': 'There is no account called "{reference}".',
  'serviceError.account.nameTaken': 'An account called "{name}" already exists; choose another name.',
  'serviceError.account.settingsInvalid': 'The account settings are not valid.',
  'serviceError.account.noProviderSignIn': 'This account does not sign in with a provider.',
  'serviceError.account.passwordNeeded': 'Enter the password of the account, or give a password command.',
  'serviceError.account.smtpPasswordNeeded': 'Enter the password of the outgoing (SMTP) server, or sign in with the same password.',
  'serviceError.account.smtpPasswordUnwanted': 'An SMTP password is only given when the outgoing server uses its own password.',
  'serviceError.account.smtpUncheckedNotSaved': 'Mailbag cannot check an SMTP password here, so it is not saved.',
  'serviceError.account.smtpUncheckedNotKept': 'Mailbag cannot check an SMTP password here, so it is not kept.',
  'serviceError.account.signInNotKept': 'Mailbag cannot keep a sign-in with a provider here.',
  'serviceError.account.signInFirst': 'Sign in with the provider to set up this account.',
  'serviceError.account.providerHasNoPassword': 'An account that signs in with its provider has no password.',
  'serviceError.account.removeDeletesMail':
    '{count, plural, other {The account "{name}" has {count} messages stored here. Removing the account deletes them from this computer too; confirm that to go on.}}',
  'serviceError.account.setUpAgainToSignIn': 'This account needs to be set up again before it can sign in.',
  'serviceError.credentials.accountIdInvalid': 'This account id is not valid.',
  'serviceError.credentials.passwordEmpty': 'The password must not be empty.',
  'serviceError.credentials.fileUnreadable': 'Mailbag could not read its encrypted password file.',
  'serviceError.credentials.fileDamaged': 'Mailbag’s encrypted password file is damaged.',
  'serviceError.credentials.fileNotSaved': 'Mailbag could not save its encrypted password file.',
  'serviceError.credentials.notDecrypted': 'A saved password could not be decrypted.',
  'serviceError.passwordCommand.unusable': 'The password command cannot be used: {problem}',
  'serviceError.passwordCommand.empty': 'The password command is empty.',
  'serviceError.passwordCommand.notFound': 'The password command “{program}” was not found. Check its name, or give its full path.',
  'serviceError.passwordCommand.notPermitted': 'The password command “{program}” may not be run (permission denied).',
  'serviceError.passwordCommand.tooMuchOutput': '{max, plural, other {The password command printed more than {max} bytes, so it was stopped.}}',
  'serviceError.passwordCommand.tooSlow': '{seconds, plural, other {The password command did not finish within {seconds} seconds, so it was stopped.}}',
  'serviceError.passwordCommand.exitStatus': 'The password command failed (exit status {status}).',
  'serviceError.passwordCommand.signal': 'The password command failed (signal {signal}).',
  'serviceError.passwordCommand.noPassword': 'The password command printed no password (its first line is empty).',
  'serviceError.settings.unreadable': 'Mailbag could not read its settings file.',
  'serviceError.settings.invalid': 'These settings are not valid.',
  'serviceError.settings.notSaved': 'Mailbag could not save its settings.',
  'serviceError.serverMailbox.setUpAgain': 'This account needs to be set up again.',
  'serviceError.serverMailbox.busySendReceive': 'Send/Receive is checking this account right now. Try again when it has finished.',
  'serviceError.serverMailbox.busyServerMailbox': 'Mailbag is already talking to this server for the Server mailbox. Try again in a moment.',
} as const;

/** German. */
export const SERVICE_ERRORS_DE: AreaCatalog<typeof SERVICE_ERRORS_EN> = {
  'serviceError.account.noSuchId': 'Es gibt kein Konto mit dieser ID.',
  'serviceError.account.ambiguous':
    '{field, select, name {Mehrere Konten haben den Namen „{reference}“; verwenden Sie die Konto-ID.} other {Mehrere Konten haben die Adresse „{reference}“; verwenden Sie die Konto-ID.}}',
  'serviceError.account.noneCalled': 'Es gibt kein Konto namens „{reference}“.',
  'serviceError.account.nameTaken': 'Ein Konto namens „{name}“ gibt es bereits; wählen Sie einen anderen Namen.',
  'serviceError.account.settingsInvalid': 'Die Kontoeinstellungen sind ungültig.',
  'serviceError.account.noProviderSignIn': 'Dieses Konto meldet sich nicht über einen Anbieter an.',
  'serviceError.account.passwordNeeded': 'Geben Sie das Passwort des Kontos oder einen Passwortbefehl an.',
  'serviceError.account.smtpPasswordNeeded': 'Geben Sie das Passwort des Postausgangsservers (SMTP) ein, oder melden Sie sich mit demselben Passwort an.',
  'serviceError.account.smtpPasswordUnwanted': 'Ein SMTP-Passwort wird nur angegeben, wenn der Postausgangsserver ein eigenes Passwort verwendet.',
  'serviceError.account.smtpUncheckedNotSaved': 'Mailbag kann hier kein SMTP-Passwort prüfen, daher wird es nicht gespeichert.',
  'serviceError.account.smtpUncheckedNotKept': 'Mailbag kann hier kein SMTP-Passwort prüfen, daher wird es nicht aufbewahrt.',
  'serviceError.account.signInNotKept': 'Mailbag kann hier keine Anmeldung bei einem Anbieter aufbewahren.',
  'serviceError.account.signInFirst': 'Melden Sie sich beim Anbieter an, um dieses Konto einzurichten.',
  'serviceError.account.providerHasNoPassword': 'Ein Konto, das sich über seinen Anbieter anmeldet, hat kein Passwort.',
  'serviceError.account.removeDeletesMail':
    '{count, plural, one {Das Konto „{name}“ hat {count} hier gespeicherte Nachricht. Wenn Sie das Konto entfernen, wird sie auch auf diesem Computer gelöscht; bestätigen Sie das, um fortzufahren.} other {Das Konto „{name}“ hat {count} hier gespeicherte Nachrichten. Wenn Sie das Konto entfernen, werden sie auch auf diesem Computer gelöscht; bestätigen Sie das, um fortzufahren.}}',
  'serviceError.account.setUpAgainToSignIn': 'Dieses Konto muss neu eingerichtet werden, bevor es sich anmelden kann.',
  'serviceError.credentials.accountIdInvalid': 'Diese Konto-ID ist ungültig.',
  'serviceError.credentials.passwordEmpty': 'Das Passwort darf nicht leer sein.',
  'serviceError.credentials.fileUnreadable': 'Mailbag konnte seine verschlüsselte Passwortdatei nicht lesen.',
  'serviceError.credentials.fileDamaged': 'Die verschlüsselte Passwortdatei von Mailbag ist beschädigt.',
  'serviceError.credentials.fileNotSaved': 'Mailbag konnte seine verschlüsselte Passwortdatei nicht speichern.',
  'serviceError.credentials.notDecrypted': 'Ein gespeichertes Passwort konnte nicht entschlüsselt werden.',
  'serviceError.passwordCommand.unusable': 'Der Passwortbefehl kann nicht verwendet werden: {problem}',
  'serviceError.passwordCommand.empty': 'Der Passwortbefehl ist leer.',
  'serviceError.passwordCommand.notFound':
    'Der Passwortbefehl „{program}“ wurde nicht gefunden. Prüfen Sie den Namen, oder geben Sie den vollständigen Pfad an.',
  'serviceError.passwordCommand.notPermitted': 'Der Passwortbefehl „{program}“ darf nicht ausgeführt werden (Zugriff verweigert).',
  'serviceError.passwordCommand.tooMuchOutput':
    '{max, plural, one {Der Passwortbefehl hat mehr als {max} Byte ausgegeben und wurde deshalb angehalten.} other {Der Passwortbefehl hat mehr als {max} Bytes ausgegeben und wurde deshalb angehalten.}}',
  'serviceError.passwordCommand.tooSlow':
    '{seconds, plural, one {Der Passwortbefehl wurde nicht innerhalb von {seconds} Sekunde fertig und wurde deshalb angehalten.} other {Der Passwortbefehl wurde nicht innerhalb von {seconds} Sekunden fertig und wurde deshalb angehalten.}}',
  'serviceError.passwordCommand.exitStatus': 'Der Passwortbefehl ist fehlgeschlagen (Exit-Status {status}).',
  'serviceError.passwordCommand.signal': 'Der Passwortbefehl ist fehlgeschlagen (Signal {signal}).',
  'serviceError.passwordCommand.noPassword': 'Der Passwortbefehl hat kein Passwort ausgegeben (seine erste Zeile ist leer).',
  'serviceError.settings.unreadable': 'Mailbag konnte seine Einstellungsdatei nicht lesen.',
  'serviceError.settings.invalid': 'Diese Einstellungen sind ungültig.',
  'serviceError.settings.notSaved': 'Mailbag konnte seine Einstellungen nicht speichern.',
  'serviceError.serverMailbox.setUpAgain': 'Dieses Konto muss neu eingerichtet werden.',
  'serviceError.serverMailbox.busySendReceive': 'Senden/Empfangen prüft dieses Konto gerade. Versuchen Sie es erneut, wenn es fertig ist.',
  'serviceError.serverMailbox.busyServerMailbox':
    'Mailbag kommuniziert bereits für das Server-Postfach mit diesem Server. Versuchen Sie es gleich noch einmal.',
};

/** French. */
export const SERVICE_ERRORS_FR: AreaCatalog<typeof SERVICE_ERRORS_EN> = {
  'serviceError.account.noSuchId': 'Aucun compte ne porte cet identifiant.',
  'serviceError.account.ambiguous':
    '{field, select, name {Plusieurs comptes portent le nom « {reference} » ; utilisez l’identifiant du compte.} other {Plusieurs comptes ont l’adresse « {reference} » ; utilisez l’identifiant du compte.}}',
  'serviceError.account.noneCalled': 'Aucun compte ne s’appelle « {reference} ».',
  'serviceError.account.nameTaken': 'Un compte nommé « {name} » existe déjà ; choisissez un autre nom.',
  'serviceError.account.settingsInvalid': 'Les paramètres du compte ne sont pas valides.',
  'serviceError.account.noProviderSignIn': 'Ce compte ne se connecte pas via un fournisseur.',
  'serviceError.account.passwordNeeded': 'Saisissez le mot de passe du compte, ou indiquez une commande de mot de passe.',
  'serviceError.account.smtpPasswordNeeded': 'Saisissez le mot de passe du serveur sortant (SMTP), ou connectez-vous avec le même mot de passe.',
  'serviceError.account.smtpPasswordUnwanted': 'Un mot de passe SMTP n’est indiqué que si le serveur sortant utilise son propre mot de passe.',
  'serviceError.account.smtpUncheckedNotSaved': 'Mailbag ne peut pas vérifier de mot de passe SMTP ici ; il n’est donc pas enregistré.',
  'serviceError.account.smtpUncheckedNotKept': 'Mailbag ne peut pas vérifier de mot de passe SMTP ici ; il n’est donc pas conservé.',
  'serviceError.account.signInNotKept': 'Mailbag ne peut pas conserver ici une connexion auprès d’un fournisseur.',
  'serviceError.account.signInFirst': 'Connectez-vous auprès du fournisseur pour configurer ce compte.',
  'serviceError.account.providerHasNoPassword': 'Un compte qui se connecte via son fournisseur n’a pas de mot de passe.',
  'serviceError.account.removeDeletesMail':
    '{count, plural, one {Le compte « {name} » a {count} message enregistré ici. Supprimer le compte le supprime aussi de cet ordinateur ; confirmez pour continuer.} other {Le compte « {name} » a {count} messages enregistrés ici. Supprimer le compte les supprime aussi de cet ordinateur ; confirmez pour continuer.}}',
  'serviceError.account.setUpAgainToSignIn': 'Ce compte doit être reconfiguré avant de pouvoir se connecter.',
  'serviceError.credentials.accountIdInvalid': 'Cet identifiant de compte n’est pas valide.',
  'serviceError.credentials.passwordEmpty': 'Le mot de passe ne doit pas être vide.',
  'serviceError.credentials.fileUnreadable': 'Mailbag n’a pas pu lire son fichier de mots de passe chiffré.',
  'serviceError.credentials.fileDamaged': 'Le fichier de mots de passe chiffré de Mailbag est endommagé.',
  'serviceError.credentials.fileNotSaved': 'Mailbag n’a pas pu enregistrer son fichier de mots de passe chiffré.',
  'serviceError.credentials.notDecrypted': 'Un mot de passe enregistré n’a pas pu être déchiffré.',
  'serviceError.passwordCommand.unusable': 'La commande de mot de passe ne peut pas être utilisée : {problem}',
  'serviceError.passwordCommand.empty': 'La commande de mot de passe est vide.',
  'serviceError.passwordCommand.notFound': 'La commande de mot de passe « {program} » est introuvable. Vérifiez son nom, ou indiquez son chemin complet.',
  'serviceError.passwordCommand.notPermitted': 'La commande de mot de passe « {program} » ne peut pas être exécutée (permission refusée).',
  'serviceError.passwordCommand.tooMuchOutput':
    '{max, plural, one {La commande de mot de passe a affiché plus de {max} octet ; elle a donc été arrêtée.} other {La commande de mot de passe a affiché plus de {max} octets ; elle a donc été arrêtée.}}',
  'serviceError.passwordCommand.tooSlow':
    '{seconds, plural, one {La commande de mot de passe ne s’est pas terminée en {seconds} seconde ; elle a donc été arrêtée.} other {La commande de mot de passe ne s’est pas terminée en {seconds} secondes ; elle a donc été arrêtée.}}',
  'serviceError.passwordCommand.exitStatus': 'La commande de mot de passe a échoué (code de sortie {status}).',
  'serviceError.passwordCommand.signal': 'La commande de mot de passe a échoué (signal {signal}).',
  'serviceError.passwordCommand.noPassword': 'La commande de mot de passe n’a affiché aucun mot de passe (sa première ligne est vide).',
  'serviceError.settings.unreadable': 'Mailbag n’a pas pu lire son fichier de paramètres.',
  'serviceError.settings.invalid': 'Ces paramètres ne sont pas valides.',
  'serviceError.settings.notSaved': 'Mailbag n’a pas pu enregistrer ses paramètres.',
  'serviceError.serverMailbox.setUpAgain': 'Ce compte doit être reconfiguré.',
  'serviceError.serverMailbox.busySendReceive': 'Envoyer/Recevoir vérifie ce compte en ce moment. Réessayez quand ce sera terminé.',
  'serviceError.serverMailbox.busyServerMailbox': 'Mailbag communique déjà avec ce serveur pour la Boîte sur le serveur. Réessayez dans un instant.',
};

/** Arabic. */
export const SERVICE_ERRORS_AR: AreaCatalog<typeof SERVICE_ERRORS_EN> = {
  'serviceError.account.noSuchId': 'لا يوجد حساب بهذا المعرّف.',
  'serviceError.account.ambiguous':
    '{field, select, name {يحمل أكثر من حساب الاسم «{reference}»؛ استخدم معرّف الحساب.} other {يحمل أكثر من حساب العنوان «{reference}»؛ استخدم معرّف الحساب.}}',
  'serviceError.account.noneCalled': 'لا يوجد حساب باسم «{reference}».',
  'serviceError.account.nameTaken': 'يوجد حساب باسم «{name}» بالفعل؛ اختر اسمًا آخر.',
  'serviceError.account.settingsInvalid': 'إعدادات الحساب غير صالحة.',
  'serviceError.account.noProviderSignIn': 'لا يسجّل هذا الحساب الدخول عبر مزوّد.',
  'serviceError.account.passwordNeeded': 'أدخل كلمة مرور الحساب، أو حدّد أمرًا لكلمة المرور.',
  'serviceError.account.smtpPasswordNeeded': 'أدخل كلمة مرور خادم البريد الصادر (SMTP)، أو سجّل الدخول بكلمة المرور نفسها.',
  'serviceError.account.smtpPasswordUnwanted': 'لا تُدخَل كلمة مرور SMTP إلا إذا كان خادم البريد الصادر يستخدم كلمة مرور خاصة به.',
  'serviceError.account.smtpUncheckedNotSaved': 'لا يستطيع Mailbag التحقق من كلمة مرور SMTP هنا، لذلك لن تُحفَظ.',
  'serviceError.account.smtpUncheckedNotKept': 'لا يستطيع Mailbag التحقق من كلمة مرور SMTP هنا، لذلك لن يُحتفَظ بها.',
  'serviceError.account.signInNotKept': 'لا يستطيع Mailbag الاحتفاظ هنا بتسجيل دخول لدى مزوّد.',
  'serviceError.account.signInFirst': 'سجّل الدخول لدى المزوّد لإعداد هذا الحساب.',
  'serviceError.account.providerHasNoPassword': 'الحساب الذي يسجّل الدخول عبر مزوّده ليس له كلمة مرور.',
  'serviceError.account.removeDeletesMail':
    '{count, plural, zero {لا توجد رسائل محفوظة هنا للحساب «{name}».} one {للحساب «{name}» رسالة واحدة محفوظة هنا. إزالة الحساب تحذفها من هذا الحاسوب أيضًا؛ أكّد ذلك للمتابعة.} two {للحساب «{name}» رسالتان محفوظتان هنا. إزالة الحساب تحذفهما من هذا الحاسوب أيضًا؛ أكّد ذلك للمتابعة.} few {للحساب «{name}» {count} رسائل محفوظة هنا. إزالة الحساب تحذفها من هذا الحاسوب أيضًا؛ أكّد ذلك للمتابعة.} many {للحساب «{name}» {count} رسالة محفوظة هنا. إزالة الحساب تحذفها من هذا الحاسوب أيضًا؛ أكّد ذلك للمتابعة.} other {للحساب «{name}» {count} رسالة محفوظة هنا. إزالة الحساب تحذفها من هذا الحاسوب أيضًا؛ أكّد ذلك للمتابعة.}}',
  'serviceError.account.setUpAgainToSignIn': 'يجب إعداد هذا الحساب من جديد قبل أن يتمكن من تسجيل الدخول.',
  'serviceError.credentials.accountIdInvalid': 'معرّف الحساب هذا غير صالح.',
  'serviceError.credentials.passwordEmpty': 'يجب ألا تكون كلمة المرور فارغة.',
  'serviceError.credentials.fileUnreadable': 'تعذّر على Mailbag قراءة ملف كلمات المرور المشفّر الخاص به.',
  'serviceError.credentials.fileDamaged': 'ملف كلمات المرور المشفّر الخاص بـ Mailbag تالف.',
  'serviceError.credentials.fileNotSaved': 'تعذّر على Mailbag حفظ ملف كلمات المرور المشفّر الخاص به.',
  'serviceError.credentials.notDecrypted': 'تعذّر فك تشفير كلمة مرور محفوظة.',
  'serviceError.passwordCommand.unusable': 'لا يمكن استخدام أمر كلمة المرور: {problem}',
  'serviceError.passwordCommand.empty': 'أمر كلمة المرور فارغ.',
  'serviceError.passwordCommand.notFound': 'لم يُعثر على أمر كلمة المرور «{program}». تحقّق من اسمه، أو حدّد مساره الكامل.',
  'serviceError.passwordCommand.notPermitted': 'لا يُسمح بتشغيل أمر كلمة المرور «{program}» (تم رفض الإذن).',
  'serviceError.passwordCommand.tooMuchOutput':
    '{max, plural, zero {طبع أمر كلمة المرور أكثر من {max} بايت، لذلك أُوقف.} one {طبع أمر كلمة المرور أكثر من بايت واحد، لذلك أُوقف.} two {طبع أمر كلمة المرور أكثر من بايتين، لذلك أُوقف.} few {طبع أمر كلمة المرور أكثر من {max} بايتات، لذلك أُوقف.} many {طبع أمر كلمة المرور أكثر من {max} بايت، لذلك أُوقف.} other {طبع أمر كلمة المرور أكثر من {max} بايت، لذلك أُوقف.}}',
  'serviceError.passwordCommand.tooSlow':
    '{seconds, plural, zero {لم ينتهِ أمر كلمة المرور خلال {seconds} ثانية، لذلك أُوقف.} one {لم ينتهِ أمر كلمة المرور خلال ثانية واحدة، لذلك أُوقف.} two {لم ينتهِ أمر كلمة المرور خلال ثانيتين، لذلك أُوقف.} few {لم ينتهِ أمر كلمة المرور خلال {seconds} ثوانٍ، لذلك أُوقف.} many {لم ينتهِ أمر كلمة المرور خلال {seconds} ثانية، لذلك أُوقف.} other {لم ينتهِ أمر كلمة المرور خلال {seconds} ثانية، لذلك أُوقف.}}',
  'serviceError.passwordCommand.exitStatus': 'فشل أمر كلمة المرور (رمز الخروج {status}).',
  'serviceError.passwordCommand.signal': 'فشل أمر كلمة المرور (الإشارة {signal}).',
  'serviceError.passwordCommand.noPassword': 'لم يطبع أمر كلمة المرور أي كلمة مرور (سطره الأول فارغ).',
  'serviceError.settings.unreadable': 'تعذّر على Mailbag قراءة ملف إعداداته.',
  'serviceError.settings.invalid': 'هذه الإعدادات غير صالحة.',
  'serviceError.settings.notSaved': 'تعذّر على Mailbag حفظ إعداداته.',
  'serviceError.serverMailbox.setUpAgain': 'يجب إعداد هذا الحساب من جديد.',
  'serviceError.serverMailbox.busySendReceive': 'يتحقق «إرسال/استلام» من هذا الحساب الآن. حاول مجددًا عند انتهائها.',
  'serviceError.serverMailbox.busyServerMailbox': 'يتواصل Mailbag بالفعل مع هذا الخادم من أجل صندوق الخادم. حاول مجددًا بعد قليل.',
};
