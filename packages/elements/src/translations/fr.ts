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

  'error.network': 'Impossible de joindre Baylink. Vérifiez votre connexion et réessayez.',
  'error.unauthorized': 'Votre session a expiré. Rechargez la page pour vous reconnecter.',
};
