import type { Language } from '@baylink/sdk/contract';

/**
 * How the body of a notification email is shown: a `quote` is someone's words (a message, a
 * note, a review), a `paragraph` is a status in Baylink's voice, a `table` is a report's data.
 */
export type BodyStyle = 'quote' | 'paragraph' | 'table';

/** One category's template: the shared frame with its own wording and body style. */
export interface CategoryTemplate {
  /** The button that opens the notification's deep link. */
  action: Record<Language, string>;
  body: BodyStyle;
}

/**
 * A template per catalog category (`CATALOG` in the contract). A type of a category missing
 * here (a catalog added to later) falls back to `FALLBACK_TEMPLATE`; a test keeps the two lists
 * equal.
 */
export const CATEGORY_TEMPLATES: Readonly<Record<string, CategoryTemplate>> = {
  conversations: {
    action: { en: 'Open the conversation', fr: 'Ouvrir la conversation' },
    body: 'quote',
  },
  appointments: {
    action: { en: 'View the appointment', fr: 'Voir le rendez-vous' },
    body: 'quote',
  },
  collaboration: {
    action: { en: 'Open the repair order', fr: 'Ouvrir le bon de travail' },
    body: 'quote',
  },
  pay: {
    action: { en: 'View the invoice', fr: 'Voir la facture' },
    body: 'paragraph',
  },
  automations: {
    action: { en: 'Open the automation', fr: 'Ouvrir le message automatisé' },
    body: 'quote',
  },
  campaigns: {
    action: { en: 'View the campaign', fr: 'Voir la campagne' },
    body: 'paragraph',
  },
  reviews: {
    action: { en: 'View the review', fr: 'Voir l’avis' },
    body: 'quote',
  },
  customers: {
    action: { en: 'Open the customer profile', fr: 'Ouvrir la fiche client' },
    body: 'quote',
  },
  reports: {
    action: { en: 'Open the report', fr: 'Ouvrir le rapport' },
    body: 'table',
  },
  imports: {
    action: { en: 'View the import', fr: 'Voir l’importation' },
    body: 'paragraph',
  },
  estimates: {
    action: { en: 'View the estimate', fr: 'Voir l’estimé' },
    body: 'paragraph',
  },
  team_chat: {
    action: { en: 'Open the chat', fr: 'Ouvrir le chat' },
    body: 'quote',
  },
};

export const FALLBACK_TEMPLATE: CategoryTemplate = {
  action: { en: 'Open in the app', fr: 'Ouvrir dans l’application' },
  body: 'paragraph',
};

/** The words every notification email shares. */
export interface CommonStrings {
  locale: string;
  from: (name: string) => string;
  fallback: string;
  /** Why the user gets this email: the type's email switch is on in their settings. */
  reason: (typeLabel: string) => string;
  /** Why, when the catalog always sends the type by email (it cannot be switched off). */
  reasonRequired: (typeLabel: string) => string;
  /** Where to change it: a link to the host app's settings page. */
  settingsLink: string;
  /** Where to change it when the integrator gave no settings page. */
  settingsPlace: string;
  settingsLabel: string;
  yes: string;
  no: string;
  reportHeading: string;
  reportLabel: string;
  reportValue: string;
}

// French follows article 001 and Quebec usage: "courriel", a non-breaking space before ":",
// French quotation marks with non-breaking spaces inside.
export const COMMON_STRINGS: Readonly<Record<Language, CommonStrings>> = {
  en: {
    locale: 'en-US',
    from: (name) => `From: ${name}`,
    fallback: 'If the button does not work, copy this link into your browser:',
    reason: (label) =>
      `You get this email because email notifications for “${label}” are on in your Baylink settings.`,
    reasonRequired: (label) =>
      `You get this email because “${label}” notifications are always sent by email.`,
    settingsLink:
      'To choose which notifications you get by email, open your notification settings:',
    settingsPlace:
      'To choose which notifications you get by email, go to Your settings › Notifications.',
    settingsLabel: 'Notification settings',
    yes: 'Yes',
    no: 'No',
    reportHeading: 'In this report',
    reportLabel: 'Item',
    reportValue: 'Value',
  },
  fr: {
    locale: 'fr-CA',
    from: (name) => `De\u00a0: ${name}`,
    fallback: 'Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur\u00a0:',
    reason: (label) =>
      `Vous recevez ce courriel parce que les notifications par courriel pour «\u00a0${label}\u00a0» sont activées dans vos paramètres Baylink.`,
    reasonRequired: (label) =>
      `Vous recevez ce courriel parce que les notifications «\u00a0${label}\u00a0» sont toujours envoyées par courriel.`,
    settingsLink:
      'Pour choisir les notifications que vous recevez par courriel, ouvrez vos paramètres de notification\u00a0:',
    settingsPlace:
      'Pour choisir les notifications que vous recevez par courriel, allez dans Vos paramètres › Notifications.',
    settingsLabel: 'Paramètres de notification',
    yes: 'Oui',
    no: 'Non',
    reportHeading: 'Dans ce rapport',
    reportLabel: 'Élément',
    reportValue: 'Valeur',
  },
};
