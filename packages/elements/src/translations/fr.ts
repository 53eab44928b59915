import type { Translation } from './en.ts';

/**
 * French strings, typed against the English table so none can be missing. Labels come from the
 * French help article « Gérer votre profil utilisateur » (Informations du profil, Téléverser la
 * photo, adresse courriel, préférence linguistique, poste, numéro d'identification).
 * French typography: a no-break space (U+00A0) before « : ».
 */
export const fr: Translation = {
  $code: 'fr',
  $name: 'Français',

  'settings.heading': 'Vos paramètres',
  'settings.nav': 'Sections des paramètres',
  'settings.section.profile': 'Profil',

  'awayBanner.label': 'Mode absence',
  'awayBanner.away': 'Le mode absence est activé.',
  'awayBanner.awayUntil': 'Le mode absence est activé jusqu’à {until}.',
  'awayBanner.cover': 'Les nouvelles conversations vont à {cover}.',
  'awayBanner.turnOff': 'Désactiver le mode absence',
  'awayBanner.turningOff': 'Désactivation…',
  'awayBanner.turnedOff': 'Le mode absence est désactivé.',
  'awayBanner.turnOffFailed': 'Le mode absence n’a pas pu être désactivé. Réessayez.',
  'awayBanner.settings': 'Paramètres du mode absence',
  'awayBanner.dismiss': 'Masquer ce rappel',

  'userName.away': 'Absent',
  'userName.awayUntil': 'Absent jusqu’à {until}',
  'userName.covered': 'Remplacé par {cover}',
  'userName.coveredUntil': 'Remplacé par {cover} jusqu’à {until}',

  'profile.heading': 'Informations du profil',
  'profile.loading': 'Chargement de votre profil…',
  'profile.loadFailed': 'Votre profil n’a pas pu être chargé.',
  'profile.retry': 'Réessayer',
  'profile.notConnected': 'Baylink n’est pas connecté sur cette page.',

  'profile.photo.label': 'Photo',
  'profile.photo.alt': 'Votre photo de profil',
  'profile.photo.upload': 'Téléverser la photo',
  'profile.photo.delete': 'Supprimer la photo',
  'profile.photo.note':
    'Votre photo ne sera visible que dans Baylink, à côté de votre nom, et ne sera pas visible pour vos clients.',
  'profile.photo.types': 'JPEG, PNG ou WebP, jusqu’à {max}.',
  'profile.photo.uploading': 'Téléversement de la photo',
  'profile.photo.uploaded': 'Votre photo a été téléversée.',
  'profile.photo.deleted': 'Votre photo a été supprimée.',
  'profile.photo.wrongType':
    'Ce fichier n’est pas une image JPEG, PNG ou WebP. Choisissez une autre photo.',
  'profile.photo.tooBig': 'Cette photo dépasse {max}. Choisissez-en une plus petite.',
  'profile.photo.uploadFailed': 'Votre photo n’a pas pu être téléversée. Réessayez.',
  'profile.photo.deleteFailed': 'Votre photo n’a pas pu être supprimée. Réessayez.',

  'profile.name': 'Nom',
  'profile.email': 'Adresse courriel',
  'profile.language': 'Préférence linguistique',
  'profile.language.hint': 'La langue utilisée pour toutes les communications de Baylink.',
  'profile.jobPosition': 'Poste',
  'profile.referenceId': 'Numéro d’identification (ID)',
  'profile.referenceId.hint':
    'Votre numéro dans un autre logiciel intégré avec Baylink. Utile seulement avec une intégration\u00a0: il vous assigne des conversations automatiquement.',
  'profile.optional': '(facultatif)',

  'profile.save': 'Enregistrer les modifications',
  'profile.saving': 'Enregistrement…',
  'profile.saved': 'Votre profil a été enregistré.',
  'profile.saveFailed': 'Votre profil n’a pas pu être enregistré. Réessayez.',
  'profile.checkFields':
    'Votre profil n’a pas pu être enregistré. Vérifiez les champs signalés en erreur.',

  'profile.error.nameRequired': 'Inscrivez votre nom.',
  'profile.error.emailRequired': 'Inscrivez votre adresse courriel.',
  'profile.error.emailInvalid': 'Inscrivez une adresse courriel comme nom@exemple.com.',
  'profile.error.tooLong': 'Utilisez au plus {max}\u00a0caractères.',
  'profile.error.emailTaken': 'Un autre utilisateur a déjà cette adresse courriel.',
  'profile.error.referenceIdTaken': 'Un autre utilisateur a déjà ce numéro d’identification.',

  'notifications.heading': 'Notifications',
  'notifications.bell.unread.one': 'Notifications, {count}\u00a0non lue',
  'notifications.bell.unread.other': 'Notifications, {count}\u00a0non lues',
  'notifications.close': 'Fermer les notifications',
  'notifications.markAllRead': 'Tout marquer comme lu',
  'notifications.markedAllRead': 'Les notifications affichées sont marquées comme lues.',
  'notifications.tabs': 'Afficher',
  'notifications.tab.unread': 'Non lues',
  'notifications.tab.all': 'Toutes',
  'notifications.filter': 'Catégorie',
  'notifications.filter.all': 'Toutes les catégories',
  'notifications.list': 'Vos notifications',
  'notifications.today': 'Aujourd’hui',
  'notifications.yesterday': 'Hier',
  'notifications.unread': 'Non lue',
  'notifications.markRead': 'Marquer comme lue',
  'notifications.markUnread': 'Marquer comme non lue',
  'notifications.archive': 'Archiver',
  'notifications.archived': 'Notification archivée.',
  'notifications.empty.unread': 'Vous êtes à jour',
  'notifications.empty.all': 'Aucune notification pour le moment',
  'notifications.empty.hint': 'Les nouvelles notifications s’afficheront ici dès leur arrivée.',
  'notifications.loading': 'Chargement des notifications…',
  'notifications.loadingMore': 'Chargement des notifications plus anciennes…',
  'notifications.loadFailed': 'Vos notifications n’ont pas pu être chargées.',
  'notifications.moreFailed': 'Les notifications plus anciennes n’ont pas pu être chargées.',
  'notifications.retry': 'Réessayer',
  'notifications.actionFailed': 'Cette modification n’a pas pu être enregistrée. Réessayez.',
  'notifications.reconnecting': 'Reconnexion…',
  'notifications.arrived.one': 'Nouvelle notification\u00a0: {title}',
  'notifications.arrived.other': '{count}\u00a0nouvelles notifications',
  'notifications.notConnected': 'Baylink n’est pas connecté sur cette page.',

  // ── Panneau des paramètres et préférences de notification : <bay-settings-panel>,
  // <bay-notifications-section> (issue 4) ── D’après l’article 001 (« Gérer vos notifications »,
  // « Réactiver les notifications web ») et 003 (« Types de notifications »).
  'settings.section.notifications': 'Notifications',
  'settings.back': 'Tous les paramètres',
  'settings.loading': 'Chargement de vos paramètres…',
  'settings.discard.title': 'Abandonner les modifications\u00a0?',
  'settings.discard.body':
    'Vos modifications dans {section} ne sont pas enregistrées. Si vous quittez maintenant, elles seront perdues.',
  'settings.discard.stay': 'Rester',
  'settings.discard.leave': 'Quitter',
  'preferences.heading': 'Gérer vos notifications',
  'preferences.intro':
    'Choisissez les notifications que vous recevez, par catégorie, et où\u00a0: dans Baylink, dans votre navigateur, par courriel ou sur votre mobile. Chaque modification est enregistrée aussitôt.',
  'preferences.loading': 'Chargement de vos paramètres de notification…',
  'preferences.loadFailed': 'Vos paramètres de notification n’ont pas pu être chargés.',
  'preferences.retry': 'Réessayer',
  'preferences.notConnected': 'Baylink n’est pas connecté sur cette page.',
  'preferences.search': 'Trouver un type de notification',
  'preferences.results.one': '{count}\u00a0type de notification',
  'preferences.results.other': '{count}\u00a0types de notification',
  'preferences.results.none': 'Aucun type de notification ne correspond à «\u00a0{query}\u00a0».',
  'preferences.typeColumn': 'Type de notification',
  'preferences.all': 'Tous les types de notification',
  'preferences.category.all': '{category}\u00a0: tous les types',
  'preferences.switch': '{row} — {channel}',
  'preferences.locked': 'Toujours activé',
  'preferences.locked.why':
    'Toujours activé\u00a0: le canal {channel} ne peut pas être désactivé pour ce type, pour que rien d’important ne vous échappe.',
  'preferences.legend.locked':
    'Toujours activé\u00a0: ne peut pas être désactivé, pour que les erreurs ne passent jamais inaperçues.',
  'preferences.unsupported': 'Non disponible pour ce type',
  'preferences.reset': 'Rétablir les paramètres par défaut',
  'preferences.reset.title': 'Rétablir vos paramètres de notification\u00a0?',
  'preferences.reset.body':
    'Chaque type de notification et chaque canal reviennent à leur valeur par défaut. Les choix que vous avez faits seront perdus.',
  'preferences.reset.confirm': 'Rétablir les paramètres par défaut',
  'preferences.reset.cancel': 'Annuler',
  'preferences.reset.done': 'Vos paramètres de notification sont revenus aux valeurs par défaut.',
  'preferences.reset.failed':
    'Vos paramètres de notification n’ont pas pu être rétablis. Réessayez.',
  'preferences.saved': 'Enregistré',
  'preferences.saveFailed':
    '«\u00a0{what}\u00a0» n’a pas pu être enregistré, le réglage a donc été rétabli. Réessayez.',
  'preferences.permission.granted': 'Autorisées',
  'preferences.permission.default': 'Pas encore autorisées',
  'preferences.permission.denied': 'Bloquées',
  'preferences.permission.unsupported': 'Non prises en charge',
  'preferences.permission.defaultNote':
    'Les notifications du navigateur nécessitent votre autorisation\u00a0: votre navigateur vous demandera d’autoriser les notifications de ce site.',
  'preferences.permission.unsupportedNote':
    'Ce navigateur ne peut pas afficher de notifications. Pour les notifications du navigateur, utilisez un navigateur récent comme Google Chrome\u00a0; les notifications dans l’application et par courriel fonctionnent partout.',
  'preferences.permission.deniedTitle': 'Votre navigateur bloque les notifications de ce site',
  'preferences.permission.deniedIntro':
    'Vos choix pour le navigateur sont conservés, mais rien ne s’affichera tant que vous n’aurez pas réautorisé les notifications. Dans {browser}\u00a0:',
  'preferences.permission.yourBrowser': 'votre navigateur',
  'preferences.permission.chrome.1':
    'Cliquez sur l’icône Afficher les informations sur le site, directement devant l’adresse URL.',
  'preferences.permission.chrome.2': 'À côté de Notifications, sélectionnez Autoriser.',
  'preferences.permission.edge.1':
    'Cliquez sur l’icône du cadenas (Afficher les informations du site), directement devant l’adresse URL.',
  'preferences.permission.edge.2':
    'Sous Autorisations pour ce site, réglez Notifications sur Autoriser.',
  'preferences.permission.firefox.1':
    'Cliquez sur l’icône des autorisations (une cloche barrée), directement devant l’adresse URL.',
  'preferences.permission.firefox.2':
    'À côté de Envoyer des notifications, cliquez sur × pour retirer le blocage.',
  'preferences.permission.safari.1':
    'Dans la barre des menus, choisissez Safari > Réglages, puis cliquez sur Sites web.',
  'preferences.permission.safari.2':
    'Sélectionnez Notifications, trouvez ce site et choisissez Autoriser.',
  'preferences.permission.other.1':
    'Cliquez sur l’icône du cadenas ou des informations du site, directement devant l’adresse URL.',
  'preferences.permission.other.2':
    'Ouvrez le menu déroulant des notifications et sélectionnez Autoriser.',
  'preferences.permission.refresh':
    'Rafraîchissez votre page, puis cliquez sur Autoriser si votre navigateur le demande.',

  // ── Mot de passe : <bay-password-section>, <bay-login>, <bay-password-reset> (issue 4) ──
  // Libellés de l'article 001 (« Mot de passe », « Confirmation du mot de passe »,
  // « Mot de passe actuel », « au moins 6 caractères, lettres et chiffres compris »).
  'settings.section.password': 'Mot de passe',
  'password.heading': 'Changer le mot de passe',
  'password.loading': 'Chargement de vos paramètres de mot de passe…',
  'password.loadFailed': 'Vos paramètres de mot de passe n’ont pas pu être chargés.',
  'password.retry': 'Réessayer',
  'password.notConnected': 'Baylink n’est pas connecté sur cette page.',
  'password.notApplicable':
    'Vous vous connectez par le logiciel de votre concession, pas avec un mot de passe Baylink\u00a0: changez votre mot de passe dans ce logiciel.',
  'password.new': 'Mot de passe ({min}\u00a0caractères min.)',
  'password.confirmation': 'Confirmation du mot de passe',
  'password.current': 'Mot de passe actuel',
  'password.changedAt': 'Modifié le {date}.',
  'password.save': 'Changer le mot de passe',
  'password.saving': 'Changement du mot de passe…',
  'password.saved': 'Votre mot de passe a été changé.',
  'password.saveFailed': 'Votre mot de passe n’a pas pu être changé. Réessayez.',
  'password.checkFields':
    'Votre mot de passe n’a pas été changé. Vérifiez les champs signalés en erreur.',

  'auth.show': 'Afficher',
  'auth.hide': 'Masquer',
  'auth.show.label': 'Afficher {field}',
  'auth.hide.label': 'Masquer {field}',
  'auth.field.password': 'le mot de passe',
  'auth.field.newPassword': 'le nouveau mot de passe',
  'auth.field.confirmation': 'la confirmation du mot de passe',
  'auth.field.current': 'le mot de passe actuel',
  'auth.rules.heading': 'Votre mot de passe doit comporter\u00a0:',
  'auth.rule.length': 'Au moins {count}\u00a0caractères',
  'auth.rule.letter': 'Des lettres',
  'auth.rule.digit': 'Des chiffres',
  'auth.rule.mixedCase': 'Des majuscules et des minuscules',
  'auth.rule.symbol': 'Un symbole, comme ! ou #',
  'auth.rule.met': 'respectée',
  'auth.rule.unmet': 'pas encore respectée',
  'auth.rules.progress': 'Règles du mot de passe respectées\u00a0: {met} sur {total}.',
  'auth.rules.allMet': 'Votre mot de passe respecte toutes les règles.',
  'auth.error.emailRequired': 'Inscrivez votre adresse courriel.',
  'auth.error.emailInvalid': 'Inscrivez une adresse courriel comme nom@exemple.com.',
  'auth.error.passwordRequired': 'Inscrivez votre mot de passe.',
  'auth.error.newPasswordRequired': 'Inscrivez un nouveau mot de passe.',
  'auth.error.confirmationRequired': 'Inscrivez de nouveau le mot de passe pour le confirmer.',
  'auth.error.mismatch': 'Les mots de passe ne correspondent pas.',
  'auth.error.currentRequired': 'Inscrivez votre mot de passe actuel.',
  'auth.error.currentWrong': 'Votre mot de passe actuel n’est pas le bon.',
  'auth.error.sameAsCurrent': 'Choisissez un mot de passe différent de l’actuel.',
  'auth.error.tooLong': 'Utilisez au plus {max}\u00a0caractères.',
  'auth.error.rule.length': 'Utilisez au moins {count}\u00a0caractères.',
  'auth.error.rule.letter': 'Incluez au moins une lettre.',
  'auth.error.rule.digit': 'Incluez au moins un chiffre.',
  'auth.error.rule.mixedCase': 'Utilisez des majuscules et des minuscules.',
  'auth.error.rule.symbol': 'Incluez au moins un symbole, comme ! ou #.',
  'auth.rateLimited': 'Trop de tentatives. Réessayez {when}.',
  'auth.rateLimitedSoon': 'Trop de tentatives. Attendez quelques minutes, puis réessayez.',
  'auth.notConnected': 'Baylink n’est pas connecté sur cette page.',

  'login.heading': 'Connexion',
  'login.email': 'Adresse courriel',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.submitting': 'Connexion…',
  'login.success': 'Vous êtes connecté.',
  'login.failed': 'L’adresse courriel ou le mot de passe n’est pas le bon.',
  'login.notAvailable':
    'Ce compte ne se connecte pas avec un mot de passe Baylink. Connectez-vous par le logiciel de votre concession.',
  'login.error': 'La connexion n’a pas réussi. Réessayez.',
  'login.forgot': 'Mot de passe oublié\u00a0?',

  'reset.request.heading': 'Réinitialiser votre mot de passe',
  'reset.request.intro':
    'Inscrivez l’adresse électronique correspondant à votre inscription. Nous vous enverrons les instructions pour choisir un nouveau mot de passe.',
  'reset.request.submit': 'Envoyer les instructions',
  'reset.request.sending': 'Envoi…',
  'reset.request.sentHeading': 'Consultez vos courriels',
  'reset.request.sent':
    'Si un compte est inscrit avec l’adresse {email}, nous lui avons envoyé les instructions pour réinitialiser son mot de passe. Le lien ne fonctionne qu’une fois et pour un temps limité.',
  'reset.request.sentHint':
    'Rien après quelques minutes\u00a0? Vérifiez vos courriels indésirables, ou refaites la demande.',
  'reset.request.failed': 'Les instructions n’ont pas pu être envoyées. Réessayez.',
  'reset.request.back': 'Retour à la connexion',

  'reset.heading': 'Choisissez un nouveau mot de passe',
  'reset.submit': 'Enregistrer le nouveau mot de passe',
  'reset.submitting': 'Enregistrement…',
  'reset.failed': 'Votre nouveau mot de passe n’a pas pu être enregistré. Réessayez.',
  'reset.checkFields':
    'Votre nouveau mot de passe n’a pas été enregistré. Vérifiez les champs signalés en erreur.',
  'reset.doneHeading': 'Mot de passe changé',
  'reset.done': 'Votre mot de passe a été changé. Connectez-vous avec votre nouveau mot de passe.',
  'reset.signIn': 'Se connecter',
  'reset.invalidHeading': 'Ce lien ne fonctionne plus',
  'reset.invalid':
    'Ce lien de réinitialisation n’est pas valide\u00a0: il a déjà servi, il a expiré ou il est incomplet. Demandez-en un nouveau.',
  'reset.askAgain': 'Demander un nouveau lien',

  // ── Signature : <bay-signature-section> (issue 4) ──
  // Texte de l’article 001 (« La signature est utilisée sur chaque message que vous envoyez
  // manuellement », « le nom inscrit au profil ») ; l’article garde en anglais les libellés de
  // l’interface, traduits ici.
  'settings.section.signature': 'Signature',
  'signature.heading': 'Signature des messages',
  'signature.intro':
    'La signature est utilisée sur chaque message que vous envoyez manuellement à vos clients. Elle permet à votre clientèle de savoir à qui elle s’adresse. Si vous laissez votre signature vide, l’application utilisera automatiquement le nom inscrit au profil.',
  'signature.loading': 'Chargement de votre signature…',
  'signature.loadFailed': 'Votre signature n’a pas pu être chargée.',
  'signature.retry': 'Réessayer',
  'signature.notConnected': 'Baylink n’est pas connecté sur cette page.',
  'signature.switch': 'Activer ou désactiver la signature lors de l’envoi d’un message',
  'signature.switch.on': 'Activée',
  'signature.switch.off': 'Désactivée',
  'signature.text': 'Votre signature',
  'signature.text.hint':
    'Elle peut tenir sur plusieurs lignes. Laissez-la vide pour signer avec le nom inscrit au profil, {name}.',
  'signature.text.limit': 'Jusqu’à {max}\u00a0caractères.',
  'signature.counter': '{count} caractères sur {max}',
  'signature.counter.left.one': 'Il reste {count}\u00a0caractère',
  'signature.counter.left.other': 'Il reste {count}\u00a0caractères',
  'signature.counter.over.one': '{count}\u00a0caractère de trop',
  'signature.counter.over.other': '{count}\u00a0caractères de trop',
  'signature.preview': 'Ce que verront vos clients',
  'signature.preview.sample':
    'Bonjour, votre véhicule est prêt. Vous pouvez passer le chercher aujourd’hui avant 18\u00a0h.',
  'signature.preview.name': 'Votre signature est vide\u00a0: le nom inscrit au profil est utilisé.',
  'signature.preview.off': 'Signature désactivée\u00a0: vos messages sont envoyés sans signature.',
  'signature.preview.on': 'Ajoutée sous chaque message que vous envoyez manuellement.',
  'signature.save': 'Mettre à jour la signature',
  'signature.saving': 'Mise à jour…',
  'signature.saved': 'Votre signature a été mise à jour.',
  'signature.saveFailed': 'Votre signature n’a pas pu être mise à jour. Réessayez.',
  'signature.checkFields':
    'Votre signature n’a pas été mise à jour. Vérifiez les champs signalés en erreur.',
  'signature.error.tooLong': 'Utilisez au plus {max}\u00a0caractères.',

  'error.network': 'Impossible de joindre Baylink. Vérifiez votre connexion et réessayez.',
  'error.unauthorized': 'Votre session a expiré. Rechargez la page pour vous reconnecter.',

  'settings.section.away': 'Mode absence',
  'away.heading': 'Mode absence',
  'away.intro':
    'Activez le mode absence lorsque vous partez en vacances ou n’êtes pas disponible\u00a0: votre équipe sait combien de temps vous serez absent et qui s’occupe de vos conversations.',
  'away.loading': 'Chargement de votre mode absence…',
  'away.loadFailed': 'Votre mode absence n’a pas pu être chargé.',
  'away.retry': 'Réessayer',
  'away.notConnected': 'Baylink n’est pas connecté sur cette page.',
  'away.switch': 'Activer le mode absence',
  'away.switch.on': 'Activé',
  'away.switch.off': 'Désactivé',
  'away.summary.available': 'Vous êtes disponible.',
  'away.summary.away': 'Le mode absence est activé.',
  'away.summary.since': 'Mode absence activé depuis {since}.',
  'away.summary.sinceUntil': 'Mode absence activé depuis {since}, jusqu’à {until}.',
  'away.assignee': 'Assigner les conversations à',
  'away.assignee.hint':
    'Pendant votre absence, les nouvelles conversations vont à cette personne ou à cette équipe. Tapez pour chercher.',
  'away.assignee.toggle': 'Afficher les personnes et les équipes',
  'away.assignee.nobody': 'Personne — garder mes conversations',
  'away.assignee.teams': 'Équipes',
  'away.assignee.people': 'Personnes',
  'away.assignee.team': 'Équipe',
  'away.assignee.available.one': '{count} sur {total} disponible',
  'away.assignee.available.other': '{count} sur {total} disponibles',
  'away.assignee.away': 'Absent',
  'away.assignee.awayUntil': 'Absent jusqu’à {until}',
  'away.assignee.count.one': '{count} résultat',
  'away.assignee.count.other': '{count} résultats',
  'away.assignee.noMatch': 'Aucune personne ni équipe ne correspond à «\u00a0{query}\u00a0».',
  'away.assignee.loading': 'Chargement des personnes et des équipes…',
  'away.assignee.loadFailed': 'Les personnes et les équipes n’ont pas pu être chargées.',
  'away.warning.userAway':
    '{name} est aussi en mode absence\u00a0: les nouvelles conversations vous resteront assignées jusqu’à son retour.',
  'away.warning.userAwayUntil':
    '{name} est en mode absence jusqu’à {until}\u00a0: d’ici là, les nouvelles conversations vous resteront assignées.',
  'away.warning.teamAway':
    'Personne n’est disponible dans {name} en ce moment\u00a0: les nouvelles conversations vous resteraient assignées.',
  'away.until': 'Date de retour',
  'away.until.hint': 'Facultatif. Le mode absence se désactive de lui-même à ce moment.',
  'away.until.date': 'Absent jusqu’au',
  'away.until.time': 'Heure de la journée',
  'away.until.clear': 'Effacer',
  'away.until.clearLabel': 'Effacer la date de retour',
  'away.until.timeZone': 'Fuseau horaire\u00a0: {zone}',
  'away.until.converted':
    'Saisi pour {moment}, {zone}\u00a0; affiché ici dans votre fuseau horaire.',
  'away.rules': 'Comment ça marche',
  'away.rules.assignee':
    'Les nouvelles conversations vont à la personne ou à l’équipe que vous choisissez.',
  'away.rules.chain':
    'Si cette personne est aussi absente, les nouvelles conversations vous restent assignées.',
  'away.rules.team':
    'Une équipe donne chaque nouvelle conversation au membre disponible qui attend la sienne depuis le plus longtemps.',
  'away.rules.replied':
    'Une conversation à laquelle vous répondez pendant votre absence reste à vous.',
  'away.rules.return': 'Le mode absence se désactive de lui-même à la date de retour.',
  'away.preview': 'Ce que voit votre équipe',
  'away.preview.available': 'Disponible',
  'away.preview.away': 'Absent',
  'away.preview.covered': 'Remplacé par {name}',
  'away.preview.until': 'Absent jusqu’à {until}',
  'away.preview.coveredUntil': 'Remplacé par {name} jusqu’à {until}',
  'away.save': 'Enregistrer le mode absence',
  'away.saving': 'Enregistrement…',
  'away.saved.on': 'Enregistré\u00a0: le mode absence est activé.',
  'away.saved.off': 'Enregistré\u00a0: vous êtes disponible.',
  'away.saveFailed': 'Votre mode absence n’a pas pu être enregistré. Réessayez.',
  'away.checkFields':
    'Votre mode absence n’a pas été enregistré. Vérifiez les champs signalés en erreur.',
  'away.error.dateMissing': 'Choisissez la date de votre retour, ou effacez l’heure.',
  'away.error.timeMissing': 'Choisissez l’heure de votre retour, ou effacez la date.',
  'away.error.invalidDate': 'Saisissez une date qui existe.',
  'away.error.past': 'Choisissez un moment dans le futur.',
  'away.live.ended': 'Le mode absence s’est désactivé de lui-même\u00a0: vous êtes disponible.',
  'away.live.changed': 'Votre mode absence a été modifié ailleurs.',
  'away.elsewhere.on':
    'Votre mode absence a été modifié ailleurs et il est maintenant activé. Vos modifications sont conservées\u00a0: les enregistrer le remplacera.',
  'away.elsewhere.off':
    'Votre mode absence a été modifié ailleurs et il est maintenant désactivé. Vos modifications sont conservées\u00a0: les enregistrer le remplacera.',
  'away.elsewhere.show': 'Afficher l’état actuel',
  // ── Notifications du navigateur : <bay-push-permission>, <bay-push-devices>, heures calmes (issue 6) ──
  'push.heading': 'Notifications du navigateur',
  'push.notConnected': 'Baylink n’est pas connecté sur cette page.',
  'push.state.checking': 'Vérification de ce navigateur…',
  'push.state.unsupported': 'Non disponibles ici',
  'push.state.notAllowed': 'Désactivées\u00a0: pas encore autorisées',
  'push.state.off': 'Désactivées sur ce navigateur',
  'push.state.on': 'Activées sur ce navigateur',
  'push.state.blocked': 'Bloquées par votre navigateur',
  'push.state.busy': 'En cours…',
  'push.state.error': 'Ce navigateur n’a pas pu être vérifié',
  'push.state.turningOn': 'Activation…',
  'push.state.turningOff': 'Désactivation…',
  'push.description.notAllowed':
    'Recevez une notification sur cet ordinateur ou ce téléphone quand on a besoin de vous, même quand Baylink n’est pas ouvert. Votre navigateur vous demandera d’autoriser les notifications de ce site.',
  'push.description.off':
    'Votre navigateur autorise les notifications de ce site, mais ce navigateur ne reçoit pas encore vos notifications Baylink.',
  'push.description.on':
    'Ce navigateur affiche vos notifications Baylink, même quand la page est fermée. Choisissez lesquelles dans la colonne Navigateur.',
  'push.description.blocked':
    'Votre navigateur bloque les notifications de ce site\u00a0: rien ne s’affiche sur ce navigateur.',
  'push.blocked.intro': 'Pour les autoriser de nouveau dans {browser}\u00a0:',
  'push.enable': 'Activer les notifications du navigateur',
  'push.disable': 'Désactiver sur ce navigateur',
  'push.test': 'Envoyer un test',
  'push.testing': 'Envoi…',
  'push.checkAgain': 'Vérifier de nouveau',
  'push.retry': 'Réessayer',
  'push.enabled': 'Les notifications du navigateur sont activées sur ce navigateur.',
  'push.disabled': 'Les notifications du navigateur sont désactivées sur ce navigateur.',
  'push.dismissed':
    'Votre navigateur n’a pas activé les notifications. Cliquez de nouveau sur le bouton et choisissez Autoriser quand votre navigateur le demande.',
  'push.blockedNow':
    'Les notifications de ce site ont été bloquées. Pour changer d’avis, suivez les étapes ci-dessous.',
  'push.test.sent': 'Test envoyé. Il devrait s’afficher sur ce navigateur dans quelques secondes.',
  'push.test.gone':
    'L’abonnement de ce navigateur avait expiré\u00a0: il a été retiré. Activez de nouveau les notifications du navigateur.',
  'push.test.failed': 'Le test n’a pas pu être livré\u00a0: {reason}',
  'push.test.unreachable': 'le service de notifications est injoignable.',
  'push.test.error': 'Le test n’a pas pu être envoyé. Réessayez.',
  'push.checkFailed': 'Baylink n’a pas pu vérifier les notifications de ce navigateur.',
  'push.enableFailed': 'Les notifications du navigateur n’ont pas pu être activées. Réessayez.',
  'push.disableFailed': 'Les notifications du navigateur n’ont pas pu être désactivées. Réessayez.',
  'push.unsupported.ios':
    'Sur iPhone et iPad, les notifications ne fonctionnent qu’à partir de l’écran d’accueil. Ajoutez ce site à votre écran d’accueil, ouvrez-le à partir de là, puis activez les notifications.',
  'push.unsupported.ios.1': 'Dans Safari, touchez le bouton Partager.',
  'push.unsupported.ios.2': 'Choisissez Sur l’écran d’accueil, puis Ajouter.',
  'push.unsupported.ios.3':
    'Ouvrez le site à partir de sa nouvelle icône sur l’écran d’accueil, puis activez les notifications du navigateur.',
  'push.unsupported.frame':
    'Cette page affiche Baylink à l’intérieur d’un autre site, où les navigateurs ne permettent pas d’activer les notifications. Ouvrez Baylink dans son propre onglet pour les activer.',
  'push.unsupported.insecure':
    'Les notifications du navigateur exigent une connexion sécurisée. Ouvrez cette page avec une adresse https pour les activer.',
  'push.unsupported.browser':
    'Ce navigateur ne peut pas recevoir les notifications des sites Web. Utilisez une version récente de Chrome, Edge, Firefox ou Safari\u00a0; les notifications dans l’application et par courriel fonctionnent partout.',
  'push.steps.ios.1': 'Ouvrez l’app Réglages, puis touchez Notifications.',
  'push.steps.ios.2':
    'Touchez le nom de ce site (tel qu’il figure sur votre écran d’accueil) et activez Autoriser les notifications.',
  'push.steps.ios.3': 'Ouvrez de nouveau le site à partir de votre écran d’accueil.',
  'push.devices.heading': 'Appareils',
  'push.devices.intro':
    'Les navigateurs et appareils qui reçoivent vos notifications du navigateur.',
  'push.devices.loading': 'Chargement de vos appareils…',
  'push.devices.loadFailed': 'Vos appareils n’ont pas pu être chargés.',
  'push.devices.reloadFailed':
    'Vos appareils n’ont pas pu être chargés de nouveau\u00a0: cette liste n’est peut-être pas à jour.',
  'push.devices.empty':
    'Aucun navigateur ne reçoit encore vos notifications du navigateur. Activez-les dans chaque navigateur que vous utilisez.',
  'push.devices.thisBrowser': 'Ce navigateur',
  'push.devices.added': 'Ajouté le {date}',
  'push.devices.neverUsed': 'pas encore utilisé',
  'push.devices.lastUsed': 'dernière utilisation {when}',
  'push.devices.lastUsedNow': 'utilisé à l’instant',
  'push.devices.test': 'Envoyer un test',
  'push.devices.testLabel': 'Envoyer un test à {device}',
  'push.devices.remove': 'Retirer',
  'push.devices.removeLabel': 'Retirer {device}',
  'push.devices.removing': 'Retrait…',
  'push.devices.testSent': 'Test envoyé à {device}.',
  'push.devices.testGone':
    '{device} n’accepte plus les notifications (son abonnement a expiré)\u00a0: il a été retiré.',
  'push.devices.testFailed': 'Le test n’a pas pu atteindre {device}\u00a0: {reason}',
  'push.devices.testError': 'Le test à {device} n’a pas pu être envoyé. Réessayez.',
  'push.devices.removed': '{device} a été retiré. Il ne reçoit plus vos notifications.',
  'push.devices.removeFailed': '{device} n’a pas pu être retiré. Réessayez.',
  'push.devices.confirmTitle': 'Retirer {device}\u00a0?',
  'push.devices.confirmBody':
    'Il ne recevra plus vos notifications du navigateur. Pour les y recevoir de nouveau, activez-les à partir de ce navigateur.',
  'push.devices.confirmBodyThis':
    'Ce navigateur ne recevra plus vos notifications. Vous pourrez les activer de nouveau ici en tout temps.',
  'push.devices.cancel': 'Annuler',
  'quietHours.heading': 'Heures calmes',
  'quietHours.rule':
    'Les notifications du navigateur et mobiles attendent la fin des heures calmes\u00a0; les notifications obligatoires passent quand même. Les notifications dans l’application et par courriel arrivent comme d’habitude.',
  'quietHours.loading': 'Chargement de vos heures calmes…',
  'quietHours.loadFailed': 'Vos heures calmes n’ont pas pu être chargées.',
  'quietHours.retry': 'Réessayer',
  'quietHours.switch':
    'Retenir les notifications du navigateur et mobiles pendant les heures calmes',
  'quietHours.on': 'Activées',
  'quietHours.off': 'Désactivées',
  'quietHours.hours': 'Heures',
  'quietHours.start': 'De',
  'quietHours.end': 'Jusqu’à',
  'quietHours.overnightHint':
    'Une fin avant le début passe minuit\u00a0: de 22\u00a0h à 7\u00a0h se termine le lendemain matin.',
  'quietHours.timeZone': 'Les heures sont dans votre fuseau horaire\u00a0: {zone}.',
  'quietHours.otherZone':
    'Elles avaient été enregistrées dans le fuseau {zone}\u00a0; les enregistrer les place dans ce fuseau-ci.',
  'quietHours.days': 'Jours',
  'quietHours.days.hint': 'Les jours où les heures calmes commencent.',
  'quietHours.days.every': 'tous les jours',
  'quietHours.days.weekdays': 'du lundi au vendredi',
  'quietHours.days.weekends': 'les fins de semaine',
  'quietHours.summary.off':
    'Les heures calmes sont désactivées\u00a0: les notifications arrivent à toute heure.',
  'quietHours.summary':
    'Les notifications du navigateur et mobiles attendent de {start} à {end} ({days}).',
  'quietHours.summary.overnight':
    'Les notifications du navigateur et mobiles attendent de {start} à {end} le lendemain matin ({days}).',
  'quietHours.save': 'Enregistrer les heures calmes',
  'quietHours.saving': 'Enregistrement…',
  'quietHours.saved': 'Vos heures calmes sont enregistrées.',
  'quietHours.saveFailed': 'Vos heures calmes n’ont pas pu être enregistrées. Réessayez.',
  'quietHours.checkFields':
    'Vos heures calmes n’ont pas été enregistrées. Vérifiez les champs signalés en erreur.',
  'quietHours.error.time': 'Saisissez une heure, comme 22:00.',
  'quietHours.error.sameTime':
    'Les heures calmes doivent finir à une autre heure que celle du début.',
  'quietHours.error.days': 'Choisissez au moins un jour.',
};
