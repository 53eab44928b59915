// The notification catalog: every type of the product's articles (000 and 003), with English
// and French labels and descriptions and a default per channel. Plain data with no zod import,
// so browsers and the API share it. Generated once from ../shared/product/notification-types.json;
// `channels` (the channels a type can use) and `required` (channels that cannot be switched off)
// are ours: reports are emails, and send errors always reach the in-app inbox.

export const CHANNELS = ['in_app', 'web_push', 'email', 'mobile'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Localized {
  en: string;
  fr: string;
}

export interface CatalogType {
  key: string;
  category: string;
  label: Localized;
  description: Localized;
  /** The channels this type can use. */
  channels: readonly Channel[];
  /** Channels that are always on for this type (locked in the preferences). */
  required: readonly Channel[];
  /** Catalog defaults, before any user preference. */
  defaults: Readonly<Record<Channel, boolean>>;
  /** Web push urgency: high for mentions, assignments and errors. */
  urgency: 'high' | 'normal';
}

export interface CatalogCategory {
  key: string;
  label: Localized;
  types: readonly CatalogType[];
}

export const CHANNEL_LABELS: Readonly<Record<Channel, Localized>> = {
  in_app: { en: 'In-app', fr: "Dans l'application" },
  web_push: { en: 'Browser', fr: 'Navigateur' },
  email: { en: 'Email', fr: 'Courriel' },
  mobile: { en: 'Mobile', fr: 'Mobile' },
};

export const CATALOG: readonly CatalogCategory[] = [
  {
    key: 'conversations',
    label: { en: 'Conversations', fr: 'Conversations' },
    types: [
      {
        key: 'conversations.new_message',
        category: 'conversations',
        label: { en: 'New messages', fr: 'Nouveaux messages' },
        description: {
          en: 'When a new message is received in a conversation assigned to you.',
          fr: 'Lorsqu’un nouveau message est reçu dans une conversation qui vous est assignée.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: false, mobile: true },
        urgency: 'normal',
      },
      {
        key: 'conversations.new_note',
        category: 'conversations',
        label: { en: 'New notes', fr: 'Nouvelles notes' },
        description: {
          en: 'When another user adds a note to a conversation assigned to you.',
          fr: 'Lorsqu’un utilisateur ajoute une note à une conversation qui vous est assignée.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: false, mobile: false },
        urgency: 'normal',
      },
      {
        key: 'conversations.mention',
        category: 'conversations',
        label: { en: '@Mentions in notes', fr: '@Mentions dans une note' },
        description: {
          en: 'When another user mentions you in a note in any conversation.',
          fr: 'Lorsqu’un utilisateur vous mentionne dans une note ou une conversation.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: true, mobile: true },
        urgency: 'high',
      },
      {
        key: 'conversations.assigned',
        category: 'conversations',
        label: { en: 'Assigned conversations', fr: 'Conversations assignées' },
        description: {
          en: 'When a new conversation is assigned to you or when an existing conversation is reassigned to you.',
          fr: 'Lorsqu’une nouvelle conversation vous est assignée ou lorsqu’une conversation existante vous est réassignée.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: false, mobile: true },
        urgency: 'high',
      },
      {
        key: 'conversations.send_error',
        category: 'conversations',
        label: { en: 'Sent message errors', fr: 'Erreurs dans un message envoyé' },
        description: {
          en: 'When one of your messages fails to send and causes an error message.',
          fr: 'Lorsqu’un de vos messages ne peut être envoyé et provoque un message d’erreur.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: ['in_app'],
        defaults: { in_app: true, web_push: true, email: true, mobile: false },
        urgency: 'high',
      },
    ],
  },
  {
    key: 'appointments',
    label: { en: 'Appointments', fr: 'Rendez-vous' },
    types: [
      {
        key: 'appointments.sms_cancellation',
        category: 'appointments',
        label: { en: 'SMS appointment cancellations', fr: 'Rendez-vous annulés par SMS' },
        description: {
          en: 'When a customer replies “NO” to an appointment reminder automation.',
          fr: 'Lorsqu’un client répond “NON” à un rappel de rendez-vous automatisé.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: false, mobile: false },
        urgency: 'normal',
      },
      {
        key: 'appointments.sms_confirmation',
        category: 'appointments',
        label: { en: 'SMS appointment confirmations', fr: 'Rendez-vous confirmés par SMS' },
        description: {
          en: 'When a customer replies “YES” to an appointment reminder automation.',
          fr: 'Lorsqu’un client répond “OUI” à un rappel de rendez-vous automatisé.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: false, mobile: false },
        urgency: 'normal',
      },
      {
        key: 'appointments.mention',
        category: 'appointments',
        label: { en: '@Mentions in an appointment', fr: '@Mentions dans un rendez-vous' },
        description: {
          en: 'When another user mentions you in an appointment.',
          fr: 'Lorsqu’un utilisateur vous mentionne dans un rendez-vous.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: true, mobile: true },
        urgency: 'high',
      },
    ],
  },
  {
    key: 'collaboration',
    label: { en: 'Repair Orders (Collaboration)', fr: 'Bons de travail (Collaboration)' },
    types: [
      {
        key: 'collaboration.new_message',
        category: 'collaboration',
        label: { en: 'New messages', fr: 'Nouveaux messages' },
        description: {
          en: 'When another user adds a message to a collaboration space in which you are a participant.',
          fr: 'Lorsqu’un utilisateur ajoute un message à un espace de bon de travail dans lequel vous êtes participant.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: false, mobile: true },
        urgency: 'normal',
      },
      {
        key: 'collaboration.new_video',
        category: 'collaboration',
        label: { en: 'New videos', fr: 'Nouvelles vidéos' },
        description: {
          en: 'When another user adds a video file to a collaboration space in which you are a participant.',
          fr: 'Lorsqu’un utilisateur ajoute une vidéo à un espace de bon de travail dans lequel vous êtes participant.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: false, mobile: true },
        urgency: 'normal',
      },
      {
        key: 'collaboration.mention',
        category: 'collaboration',
        label: { en: '@Mentions in messages', fr: '@Mentions dans les messages' },
        description: {
          en: "When someone mentions you in a message in a repair order's collaboration space.",
          fr: "Lorsque quelqu'un vous mentionne dans un message dans la fenêtre Collaboration sur les ordres de réparation.",
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: true, mobile: true },
        urgency: 'high',
      },
      {
        key: 'collaboration.assigned_space',
        category: 'collaboration',
        label: { en: 'Assigned collaboration spaces', fr: 'Espaces de collaboration assignés' },
        description: {
          en: 'When you are added to a collaboration space as a participant.',
          fr: 'Lorsque vous êtes ajouté à un espace de bon de travail en tant que participant.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: false, mobile: true },
        urgency: 'high',
      },
      {
        key: 'collaboration.work_order_opened',
        category: 'collaboration',
        label: { en: 'New work orders opened', fr: 'Nouveaux bons de travail ouverts' },
        description: {
          en: 'When a work order is opened for a collaboration space in which you are a participant.',
          fr: 'Lorsqu’un bon de travail est ouvert pour un espace de collaboration dans lequel vous êtes participant.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: false, mobile: false },
        urgency: 'normal',
      },
      {
        key: 'collaboration.in_progress',
        category: 'collaboration',
        label: { en: 'Repair order is in progress', fr: 'Bon de travail en cours' },
        description: {
          en: 'When a repair order you participate in moves to the In Progress status.',
          fr: "Lorsqu'un ordre de réparation auquel vous participez passe au statut In Progress (En cours).",
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: false, mobile: false },
        urgency: 'normal',
      },
    ],
  },
  {
    key: 'pay',
    label: { en: 'Payments', fr: 'Paiements' },
    types: [
      {
        key: 'pay.invoice_paid_mine',
        category: 'pay',
        label: { en: 'Paid invoices I sent', fr: "Factures payées que j'ai envoyées" },
        description: {
          en: 'When an invoice you sent to a customer is paid.',
          fr: 'Lorsqu’une facture que vous avez envoyée à un client est payée.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: false, mobile: true },
        urgency: 'normal',
      },
      {
        key: 'pay.invoice_paid_others',
        category: 'pay',
        label: {
          en: 'Paid invoices others sent',
          fr: "Factures payées que quelqu'un d'autre a envoyées",
        },
        description: {
          en: 'When an invoice someone else sent to a customer is paid.',
          fr: "Lorsqu’une facture qu'un autre utilisateur a envoyée à un client est payée.",
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: false, web_push: false, email: false, mobile: false },
        urgency: 'normal',
      },
    ],
  },
  {
    key: 'automations',
    label: { en: 'Automations', fr: 'Messages automatisés' },
    types: [
      {
        key: 'automations.mention',
        category: 'automations',
        label: {
          en: '@Mentions in automation results',
          fr: '@Mentions dans les résultats d’un message automatisé',
        },
        description: {
          en: 'When another user mentions you in the results of an automation.',
          fr: 'Lorsqu’un utilisateur vous mentionne dans le résultat d’un message automatisé.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: true, mobile: true },
        urgency: 'high',
      },
      {
        key: 'automations.new_note',
        category: 'automations',
        label: { en: 'New notes', fr: 'Nouvelles notes' },
        description: {
          en: 'When a note is added to the results of an automation.',
          fr: 'Lorsqu’une note est ajoutée aux résultats d’un message automatisé.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: false, mobile: false },
        urgency: 'normal',
      },
      {
        key: 'automations.send_error',
        category: 'automations',
        label: { en: 'Automation message errors', fr: 'Erreurs dans un message automatisé' },
        description: {
          en: 'When an automation message fails to send.',
          fr: 'Lorsqu’un message automatisé ne parvient pas à être envoyé.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: ['in_app'],
        defaults: { in_app: true, web_push: false, email: true, mobile: false },
        urgency: 'high',
      },
    ],
  },
  {
    key: 'campaigns',
    label: { en: 'Campaigns', fr: 'Campagnes' },
    types: [
      {
        key: 'campaigns.completed',
        category: 'campaigns',
        label: { en: 'Campaign completed', fr: 'Campagne complétée' },
        description: {
          en: 'When a campaign has finished sending to all targeted customers.',
          fr: "Lorsqu'une campagne est terminée et envoyée à tous les clients visés.",
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: true, mobile: false },
        urgency: 'normal',
      },
      {
        key: 'campaigns.mention',
        category: 'campaigns',
        label: {
          en: '@Mentions in campaign results',
          fr: '@Mentions dans les résultats d’une campagne',
        },
        description: {
          en: 'When another user mentions you in the results of a campaign.',
          fr: 'Lorsqu’un utilisateur vous mentionne dans le résultat d’une campagne.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: true, mobile: true },
        urgency: 'high',
      },
      {
        key: 'campaigns.new_note',
        category: 'campaigns',
        label: { en: 'New notes', fr: 'Nouvelles notes' },
        description: {
          en: 'When a note is added to the results of a campaign.',
          fr: 'Lorsqu’une note est ajoutée aux résultats d’une campagne.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: false, mobile: false },
        urgency: 'normal',
      },
      {
        key: 'campaigns.send_error',
        category: 'campaigns',
        label: { en: 'Campaign message errors', fr: 'Erreurs dans un message de campagne' },
        description: {
          en: 'When a campaign message fails to send.',
          fr: 'Lorsqu’un message de campagne ne parvient pas à être envoyé.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: ['in_app'],
        defaults: { in_app: true, web_push: false, email: true, mobile: false },
        urgency: 'high',
      },
    ],
  },
  {
    key: 'reviews',
    label: { en: 'Reviews', fr: 'Avis' },
    types: [
      {
        key: 'reviews.new_review',
        category: 'reviews',
        label: { en: 'New reviews', fr: 'Nouveaux avis' },
        description: {
          en: 'When a customer leaves a new Google, Facebook or private review.',
          fr: 'Lorsqu’un client laisse un nouvel avis sur Google, Facebook ou un avis privé.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: true, mobile: false },
        urgency: 'normal',
      },
      {
        key: 'reviews.new_reply',
        category: 'reviews',
        label: { en: 'New replies', fr: 'Nouvelles réponses' },
        description: {
          en: 'When another user replies to a review through the Reviews feature.',
          fr: 'Lorsqu’un utilisateur répond à un avis par le biais de la fonctionnalité Avis.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: false, mobile: false },
        urgency: 'normal',
      },
      {
        key: 'reviews.mention',
        category: 'reviews',
        label: { en: '@Mentions in reviews', fr: '@Mentions dans un avis' },
        description: {
          en: 'When another user mentions you in a note in Reviews.',
          fr: "Lorsqu'un autre utilisateur vous mentionne dans une note dans Avis.",
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: true, mobile: true },
        urgency: 'high',
      },
      {
        key: 'reviews.assigned',
        category: 'reviews',
        label: { en: 'Assigned reviews', fr: 'Avis assignés' },
        description: {
          en: 'When a review gets assigned to you.',
          fr: "Lorsqu'un avis vous est assigné.",
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: false, mobile: true },
        urgency: 'high',
      },
      {
        key: 'reviews.new_note',
        category: 'reviews',
        label: { en: 'New notes', fr: 'Nouvelles notes' },
        description: {
          en: 'When a note is added to a review.',
          fr: 'Lorsqu’une note est ajoutée à un avis.',
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: false, mobile: false },
        urgency: 'normal',
      },
    ],
  },
  {
    key: 'customers',
    label: { en: 'Customers', fr: 'Clients' },
    types: [
      {
        key: 'customers.mention',
        category: 'customers',
        label: { en: '@Mentions in a note', fr: '@Mentions dans une note' },
        description: {
          en: 'When another user mentions you in a note in a customer profile.',
          fr: "Lorsqu'un utilisateur vous mentionne dans une note dans un profil client.",
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: true, mobile: true },
        urgency: 'high',
      },
    ],
  },
  {
    key: 'reports',
    label: { en: 'Reports', fr: 'Rapports' },
    types: [
      {
        key: 'reports.daily_deposits',
        category: 'reports',
        label: { en: 'Daily deposits report', fr: 'Rapport quotidien des transactions traitées' },
        description: {
          en: 'Daily reports about payment deposits.',
          fr: 'Rapports quotidiens concernant les dépôts de paiements.',
        },
        channels: ['in_app', 'email'],
        required: [],
        defaults: { in_app: false, web_push: false, email: true, mobile: false },
        urgency: 'normal',
      },
      {
        key: 'reports.weekly_manager',
        category: 'reports',
        label: { en: 'Weekly manager report', fr: 'Rapport hebdomadaire pour gestionnaire' },
        description: {
          en: 'A weekly report containing various usage and performance metrics.',
          fr: 'Un rapport hebdomadaire contenant plusieurs indicateurs de performances concernant votre utilisation.',
        },
        channels: ['in_app', 'email'],
        required: [],
        defaults: { in_app: false, web_push: false, email: true, mobile: false },
        urgency: 'normal',
      },
    ],
  },
  {
    key: 'imports',
    label: { en: 'Imports', fr: 'Importations' },
    types: [
      {
        key: 'imports.error',
        category: 'imports',
        label: { en: 'Import errors', fr: 'Erreurs dans une importation' },
        description: {
          en: 'When there are errors in the imported Excel file.',
          fr: "Lorsqu'il y a des erreurs dans le fichier Excel importé.",
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: true, mobile: false },
        urgency: 'normal',
      },
      {
        key: 'imports.completed',
        category: 'imports',
        label: { en: 'Completed imports', fr: 'Importations effectuées' },
        description: {
          en: 'When an import from an Excel file is completed successfully.',
          fr: "Lorsqu'une importation à partir d'un fichier Excel est complétée avec succès.",
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: false, mobile: false },
        urgency: 'normal',
      },
    ],
  },
  {
    key: 'estimates',
    label: { en: 'Estimates', fr: 'Estimés' },
    types: [
      {
        key: 'estimates.decision',
        category: 'estimates',
        label: { en: 'Estimate approval', fr: "Approbation d'un estimé" },
        description: {
          en: 'When a customer approves or declines an estimate.',
          fr: "Lorsqu'un client approuve ou refuse un estimé.",
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: false, mobile: true },
        urgency: 'normal',
      },
    ],
  },
  {
    key: 'team_chat',
    label: { en: 'Team Chat', fr: 'Chat interne' },
    types: [
      {
        key: 'team_chat.direct_message',
        category: 'team_chat',
        label: { en: 'New direct messages', fr: 'Nouveaux messages directs' },
        description: {
          en: 'When someone sends you a direct message in Team Chat.',
          fr: "Lorsque quelqu'un vous envoie un message direct dans le Chat interne.",
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: true, email: false, mobile: true },
        urgency: 'high',
      },
      {
        key: 'team_chat.channel_message',
        category: 'team_chat',
        label: { en: 'New channel messages', fr: 'Nouveaux messages de canal' },
        description: {
          en: "When someone posts a new message in a Team Chat channel you're in.",
          fr: "Lorsque quelqu'un envoie un nouveau message dans un canal du Chat interne dont vous êtes participant.",
        },
        channels: ['in_app', 'web_push', 'email', 'mobile'],
        required: [],
        defaults: { in_app: true, web_push: false, email: false, mobile: false },
        urgency: 'normal',
      },
    ],
  },
];

export const CATALOG_TYPES: ReadonlyMap<string, CatalogType> = new Map(
  CATALOG.flatMap((category) => category.types.map((type) => [type.key, type] as const)),
);

export const CATEGORY_KEYS: readonly string[] = CATALOG.map((category) => category.key);
