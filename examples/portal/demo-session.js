// What the portal's pages share: where the API is, the demo dealership's Baylink account, and the
// session of a user who signed in with a password on login.html.
//
// A real host knows its dealership's Baylink account id (it created it with its API key) and
// keeps the token `bay-login` hands it in its own session. The demo looks the account id up
// through the demo-only token route, and keeps the token in localStorage.

const params = new URLSearchParams(location.search);

/** The API's origin: this page's, or `?api=` to show cross-origin embedding. */
export const apiBase = (params.get('api') ?? location.origin).replace(/\/$/, '');

/** `?api=…&` to carry on to the portal's other pages, or nothing. */
export const apiQuery = params.get('api') ? `api=${encodeURIComponent(params.get('api'))}&` : '';

/** A page of the portal, keeping `?api=`. */
export function portalPage(file, extra = '') {
  const query = `${apiQuery}${extra}`.replace(/&$/, '');
  return new URL(`./${file}${query ? `?${query}` : ''}`, location.href).toString();
}

const SESSION_KEY = 'baylink-demo-session';
const ACCOUNT_KEY = 'baylink-demo-account';

/** The password session (`{ token, expiresAt, userId }`), or null when none is valid. */
export function loadSession() {
  try {
    const session = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
    if (!session?.token || Date.parse(session.expiresAt) <= Date.now() + 60_000) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession() {
  localStorage.removeItem(SESSION_KEY);
}

/** A demo user's token from the demo-only route (what a host's backend would mint). */
export async function demoToken(userId) {
  const response = await fetch('/v1/demo/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!response.ok) throw new Error(`The demo token route answered ${response.status}`);
  return (await response.json()).token;
}

/** The demo dealership's Baylink account id (looked up once per tab). */
export async function demoAccountId() {
  const cached = sessionStorage.getItem(ACCOUNT_KEY);
  if (cached) return cached;
  const users = await fetch('/v1/demo/users');
  if (!users.ok) throw new Error('The demo data is not loaded: start Baylink with npm start.');
  const [first] = (await users.json()).items;
  const token = await demoToken(first.id);
  const me = await fetch(`${apiBase}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  if (!me.ok) throw new Error(`GET /v1/me answered ${me.status}`);
  const { accountId } = await me.json();
  sessionStorage.setItem(ACCOUNT_KEY, accountId);
  return accountId;
}

/** Mirrors the page's language switch (`#page-lang`) onto `<html lang>`: the elements follow it. */
export function wireLanguageSwitch() {
  const select = document.getElementById('page-lang');
  if (!select) return;
  const saved = localStorage.getItem('baylink-demo-lang');
  if (saved) {
    select.value = saved;
    document.documentElement.lang = saved;
  }
  select.addEventListener('change', () => {
    document.documentElement.lang = select.value;
    localStorage.setItem('baylink-demo-lang', select.value);
  });
}
