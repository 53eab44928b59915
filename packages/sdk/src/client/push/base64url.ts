/** Decodes base64url (the VAPID public key's encoding, padded or not) to bytes. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Encodes bytes as unpadded base64url. */
export function bytesToBase64Url(value: ArrayBuffer | ArrayBufferView): string {
  const bytes =
    value instanceof ArrayBuffer
      ? new Uint8Array(value)
      : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** True when two application server keys are the same bytes (whatever their encoding). */
export function sameKey(
  a: string | ArrayBuffer | ArrayBufferView | null | undefined,
  b: string | ArrayBuffer | ArrayBufferView | null | undefined,
): boolean {
  if (a == null || b == null) return false;
  const text = (key: string | ArrayBuffer | ArrayBufferView) =>
    typeof key === 'string' ? bytesToBase64Url(base64UrlToBytes(key)) : bytesToBase64Url(key);
  return text(a) === text(b);
}
