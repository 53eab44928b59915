import { CATALOG, CATALOG_TYPES, type Language } from '@baylink/sdk/contract';
import type { MailMessage } from '../services/mailer.ts';
import { escapeHtml, htmlButton, htmlLayout } from './layout.ts';
import { type ReportRow, reportRows } from './notification-report.ts';
import {
  CATEGORY_TEMPLATES,
  type CategoryTemplate,
  COMMON_STRINGS,
  FALLBACK_TEMPLATE,
} from './notification-templates.ts';

export interface NotificationMailInput {
  to: string;
  language: Language;
  /** The delivery's id: the `Message-ID` is built from it, the same on every retry. */
  deliveryId: string;
  notification: {
    type: string;
    category: string;
    /** Already in the recipient's language. */
    title: string;
    body: string | null;
    link: string | null;
    actorName: string | null;
    data: Record<string, unknown>;
    /** The catalog always sends this type by email (the reason line says so). */
    required: boolean;
  };
  /** The host app's notification settings page, or null (the email says where to find it). */
  settingsUrl: string | null;
  /** The account's time zone, for dates and times in a report. */
  timeZone: string;
}

const CATEGORY_LABELS = new Map(CATALOG.map((category) => [category.key, category.label]));

/** The category's template; a category the templates do not know gets the fallback. */
export function templateFor(category: string): CategoryTemplate {
  return CATEGORY_TEMPLATES[category] ?? FALLBACK_TEMPLATE;
}

/** `<delivery-id@baylink>`: a retry of a delivery sends the same Message-ID. */
export function notificationMessageId(deliveryId: string): string {
  return `<${deliveryId}@baylink>`;
}

const MUTED = 'color:#52606d;';
const LINK = 'color:#1d4ed8;word-break:break-all;';

const p = (content: string, style = '') => `<p style="margin:0 0 16px;${style}">${content}</p>`;

/** Escapes text for HTML and keeps its line breaks. */
const multiline = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

function htmlTable(rows: ReportRow[], language: Language): string {
  const s = COMMON_STRINGS[language];
  const cell =
    'padding:8px 12px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top;';
  const body = rows
    .map(
      (row) =>
        `<tr><th scope="row" style="${cell}font-weight:400;${MUTED}">${escapeHtml(row.label)}</th><td style="${cell}font-weight:600;font-variant-numeric:tabular-nums;">${escapeHtml(row.value)}</td></tr>`,
    )
    .join('\n');
  return `<table role="table" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 24px;font-size:15px;">
<caption style="text-align:left;font-weight:600;padding:0 0 8px;">${escapeHtml(s.reportHeading)}</caption>
<thead><tr><th scope="col" style="${cell}${MUTED}font-size:13px;">${escapeHtml(s.reportLabel)}</th><th scope="col" style="${cell}${MUTED}font-size:13px;">${escapeHtml(s.reportValue)}</th></tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

/** The report's rows as plain text: one "Label: value" line each, values aligned. */
function textTable(rows: ReportRow[], language: Language): string[] {
  const separator = language === 'fr' ? '\u00a0: ' : ': ';
  const width = Math.max(...rows.map((row) => row.label.length));
  return [
    COMMON_STRINGS[language].reportHeading,
    ...rows.map(
      (row) => `  ${`${row.label}${separator}`.padEnd(width + separator.length)}${row.value}`,
    ),
  ];
}

/**
 * A notification email in the recipient's language, as plain text and HTML: the category and
 * type, the title (also the subject), who it is from, the body (quoted, a paragraph, or a
 * report's table), a button and a plain link to the deep link, why the user gets it and where
 * to change that. `List-Unsubscribe` points at the settings page when there is one.
 */
export function notificationMail(input: NotificationMailInput): MailMessage {
  const { language, notification } = input;
  const s = COMMON_STRINGS[language];
  const template = templateFor(notification.category);
  const type = CATALOG_TYPES.get(notification.type);
  const typeLabel = type?.label[language] ?? notification.type;
  const categoryLabel = CATEGORY_LABELS.get(notification.category)?.[language];
  const eyebrow = categoryLabel ? `${categoryLabel} · ${typeLabel}` : typeLabel;
  const rows =
    template.body === 'table' ? reportRows(notification.data, language, input.timeZone) : [];
  const reason = notification.required ? s.reasonRequired(typeLabel) : s.reason(typeLabel);
  const action = template.action[language];
  const body = notification.body?.trim() || null;

  const text: string[] = [eyebrow, '', notification.title];
  if (notification.actorName) text.push(s.from(notification.actorName));
  if (body) {
    text.push('');
    text.push(
      ...(template.body === 'quote' ? body.split(/\r?\n/).map((line) => `> ${line}`) : [body]),
    );
  }
  if (rows.length > 0) text.push('', ...textTable(rows, language));
  if (notification.link)
    text.push('', `${action}${language === 'fr' ? '\u00a0:' : ':'}`, notification.link);
  text.push('', '—', reason);
  if (input.settingsUrl) text.push(s.settingsLink, input.settingsUrl);
  else text.push(s.settingsPlace);
  text.push('');

  const html: string[] = [
    p(escapeHtml(eyebrow), `${MUTED}font-size:13px;letter-spacing:0.02em;`),
    `<h1 style="margin:0 0 8px;font-size:22px;line-height:1.3;">${escapeHtml(notification.title)}</h1>`,
  ];
  if (notification.actorName) html.push(p(escapeHtml(s.from(notification.actorName)), MUTED));
  if (body) {
    html.push(
      template.body === 'quote'
        ? `<blockquote style="margin:16px 0;padding:4px 0 4px 16px;border-left:4px solid #cbd2d9;">${p(multiline(body), 'margin:0;')}</blockquote>`
        : p(multiline(body)),
    );
  }
  if (rows.length > 0) html.push(htmlTable(rows, language));
  if (notification.link) {
    html.push(
      htmlButton(notification.link, action),
      p(
        `${escapeHtml(s.fallback)}<br><a href="${escapeHtml(notification.link)}" style="${LINK}">${escapeHtml(notification.link)}</a>`,
        'font-size:14px;',
      ),
    );
  }
  html.push(
    '<hr style="border:none;border-top:1px solid #e4e7eb;margin:24px 0 16px;">',
    p(escapeHtml(reason), `${MUTED}font-size:13px;`),
    p(
      input.settingsUrl
        ? `${escapeHtml(s.settingsLink)} <a href="${escapeHtml(input.settingsUrl)}" style="${LINK}">${escapeHtml(s.settingsLabel)}</a>`
        : escapeHtml(s.settingsPlace),
      `${MUTED}font-size:13px;`,
    ),
  );

  const headers: Record<string, string> = {
    // RFC 3834: tells autoresponders (out-of-office replies) not to answer.
    'Auto-Submitted': 'auto-generated',
  };
  if (input.settingsUrl) headers['List-Unsubscribe'] = `<${input.settingsUrl}>`;

  return {
    to: input.to,
    subject: notification.title.replace(/\s+/g, ' ').trim(),
    text: text.join('\n'),
    html: htmlLayout({ language, title: notification.title, body: html.join('\n') }),
    language,
    messageId: notificationMessageId(input.deliveryId),
    headers,
  };
}
