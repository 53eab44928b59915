import Bowser from 'bowser';

export interface DeviceLabel {
  /** "Chrome on Windows", "Safari on iOS", "Firefox", or "Browser" when nothing is known. */
  label: string;
  browser: string | null;
  os: string | null;
}

/** Names a browser for the user's devices list, from the User-Agent it registered with. */
export function deviceLabel(userAgent: string | undefined): DeviceLabel {
  const agent = userAgent?.trim().slice(0, 512);
  if (!agent) return { label: 'Browser', browser: null, os: null };
  const parsed = Bowser.parse(agent);
  const browser = parsed.browser.name?.trim() || null;
  const os = parsed.os.name?.trim() || null;
  const label = browser
    ? os
      ? `${browser} on ${os}`
      : browser
    : os
      ? `Browser on ${os}`
      : 'Browser';
  return { label, browser, os };
}
