import type { Language } from '@baylink/sdk/contract';
import type { MailMessage } from '../services/mailer.ts';
import { escapeHtml, htmlButton, htmlLayout } from './layout.ts';

export interface PasswordResetMailInput {
  to: string;
  language: Language;
  name: string;
  accountName: string;
  /** The link with the token in it. */
  link: string;
  expiresAt: Date;
  /** How long the link lives, in minutes (said in words in the mail). */
  validMinutes: number;
  /** The account's time zone, for the expiry time. */
  timeZone: string;
}

interface Strings {
  subject: string;
  greeting: (name: string) => string;
  intro: (email: string, account: string) => string;
  action: string;
  button: string;
  fallback: string;
  expiry: (duration: string, time: string) => string;
  ignore: string;
  signoff: string;
  duration: (minutes: number) => string;
  locale: string;
}

// French follows article 001 and Quebec usage: "courriel", a non-breaking space before ":".
const STRINGS: Record<Language, Strings> = {
  en: {
    subject: 'Reset your Baylink password',
    greeting: (name) => `Hello ${name},`,
    intro: (email, account) =>
      `We received a request to reset the password of your Baylink account (${email}) at ${account}.`,
    action: 'To choose a new password, open this link:',
    button: 'Choose a new password',
    fallback: 'If the button does not work, copy this link into your browser:',
    expiry: (duration, time) => `The link works once and expires in ${duration} (${time}).`,
    ignore:
      'If you did not ask to reset your password, you can ignore this email: your password stays the same.',
    signoff: 'The Baylink team',
    duration: (minutes) =>
      minutes % 60 === 0
        ? `${minutes / 60} ${minutes === 60 ? 'hour' : 'hours'}`
        : `${minutes} minutes`,
    locale: 'en-US',
  },
  fr: {
    subject: 'Réinitialisez votre mot de passe Baylink',
    greeting: (name) => `Bonjour ${name},`,
    intro: (email, account) =>
      `Nous avons reçu une demande de réinitialisation du mot de passe de votre compte Baylink (${email}) chez ${account}.`,
    action: 'Pour choisir un nouveau mot de passe, ouvrez ce lien\u00a0:',
    button: 'Choisir un nouveau mot de passe',
    fallback: 'Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur\u00a0:',
    expiry: (duration, time) =>
      `Ce lien ne fonctionne qu’une fois et expire dans ${duration} (le ${time}).`,
    ignore:
      'Si vous n’avez pas demandé à réinitialiser votre mot de passe, ignorez ce courriel\u00a0: votre mot de passe reste le même.',
    signoff: 'L’équipe Baylink',
    duration: (minutes) =>
      minutes % 60 === 0
        ? `${minutes / 60} ${minutes === 60 ? 'heure' : 'heures'}`
        : `${minutes} minutes`,
    locale: 'fr-CA',
  },
};

/** The password reset mail, in the user's language, as plain text and HTML. */
export function passwordResetMail(input: PasswordResetMailInput): MailMessage {
  const s = STRINGS[input.language];
  const time = new Intl.DateTimeFormat(s.locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: input.timeZone,
  }).format(input.expiresAt);
  const duration = s.duration(input.validMinutes);

  const text = [
    s.greeting(input.name),
    '',
    s.intro(input.to, input.accountName),
    '',
    s.action,
    input.link,
    '',
    s.expiry(duration, time),
    '',
    s.ignore,
    '',
    `— ${s.signoff}`,
    '',
  ].join('\n');

  const p = (content: string) => `<p style="margin:0 0 16px;">${content}</p>`;
  const html = htmlLayout({
    language: input.language,
    title: s.subject,
    body: [
      p(escapeHtml(s.greeting(input.name))),
      p(escapeHtml(s.intro(input.to, input.accountName))),
      htmlButton(input.link, s.button),
      p(
        `${escapeHtml(s.fallback)}<br><a href="${escapeHtml(input.link)}" style="color:#1d4ed8;word-break:break-all;">${escapeHtml(input.link)}</a>`,
      ),
      p(escapeHtml(s.expiry(duration, time))),
      p(`<span style="color:#52606d;">${escapeHtml(s.ignore)}</span>`),
      p(`— ${escapeHtml(s.signoff)}`),
    ].join('\n'),
  });

  return { to: input.to, subject: s.subject, text, html, language: input.language };
}
