import type { Signature, SignedMessage } from '@baylink/sdk/contract';

/** What a user chose: the switch and the text they typed (possibly empty). */
export interface SignatureSettings {
  enabled: boolean;
  text: string;
}

/**
 * A user who never set their signature has it on and empty, so their profile name signs their
 * messages (article 000: "If you leave your signature empty, the application will automatically
 * use your profile name").
 */
export const DEFAULT_SIGNATURE: SignatureSettings = { enabled: true, text: '' };

/**
 * What customers see under a message: nothing when the signature is off, the text when there
 * is one, the profile name when it is empty.
 */
export function effectiveSignature(
  settings: SignatureSettings,
  profileName: string,
): string | null {
  if (!settings.enabled) return null;
  const text = settings.text.trim();
  if (text !== '') return text;
  const name = profileName.trim();
  return name === '' ? null : name;
}

/** The API's view of a user's signature. */
export function toSignature(
  settings: SignatureSettings,
  profileName: string,
  updatedAt: string | null,
): Signature {
  return {
    enabled: settings.enabled,
    text: settings.text,
    effective: effectiveSignature(settings, profileName),
    updatedAt,
  };
}

/**
 * The one rule every surface signs a message with (the user's `POST /v1/me/signature/apply`
 * and the integrator's per-user twin): without a signature the body is returned unchanged;
 * with one, the body loses its trailing blank space, then a blank line and the signature
 * follow. A blank body becomes the signature alone. A body written with CRLF line breaks gets
 * CRLF ones in what is added, so the message keeps one style. Apply it once per message: a
 * second pass would sign twice.
 */
export function signMessage(body: string, signature: string | null): SignedMessage {
  if (signature === null) return { body, signature: null };
  const newline = body.includes('\r\n') ? '\r\n' : '\n';
  const signed = signature.split('\n').join(newline);
  const trimmed = body.replace(/\s+$/u, '');
  return {
    body: trimmed === '' ? signed : `${trimmed}${newline}${newline}${signed}`,
    signature,
  };
}
