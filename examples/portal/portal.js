// The mock dealer portal. A real host's backend mints user tokens with its integrator secret;
// here the demo-only route /v1/demo/token (served next to this page) stands in for it.
// `?api=` points the elements at another origin, to show cross-origin embedding.
// A user can also sign in with their Baylink password on login.html (the demo dealership uses
// Baylink's own identity): the portal then uses the token <bay-login> handed over.
import { apiBase, clearSession, demoToken, loadSession, portalPage } from './demo-session.js';

const STORAGE_KEY = 'baylink-demo-user';

const picker = document.getElementById('demo-user');
const provider = document.getElementById('provider');
const bell = document.getElementById('notifications');
const settings = document.getElementById('settings');
const status = document.getElementById('status');
const navigation = document.getElementById('navigation');
const signOut = document.getElementById('sign-out');
const loginLink = document.getElementById('login-link');
const awayBanner = document.getElementById('away-banner');
const staff = document.getElementById('staff');
const routing = document.getElementById('routing');
const push = document.getElementById('push');

loginLink.href = portalPage('login.html');
document.getElementById('login-note-link').href = portalPage('login.html');

function show(signedIn) {
  settings.hidden = !signedIn;
  bell.hidden = !signedIn;
  awayBanner.hidden = !signedIn;
  staff.hidden = !signedIn;
  routing.hidden = !signedIn;
  push.hidden = !signedIn;
  status.hidden = signedIn;
}

/** Signs in as a demo user with a token from the demo-only route (the user picker). */
function signIn(userId) {
  clearSession();
  signOut.hidden = true;
  if (!userId) {
    show(false);
    return;
  }
  localStorage.setItem(STORAGE_KEY, userId);
  provider.baseUrl = apiBase;
  provider.token = undefined;
  provider.getToken = () => demoToken(userId);
  show(true);
}

/** Uses the token of a password sign-in on login.html. */
function useSession(session) {
  provider.baseUrl = apiBase;
  provider.getToken = undefined;
  provider.token = session.token;
  signOut.hidden = false;
  show(true);
}

signOut.addEventListener('click', () => {
  clearSession();
  localStorage.removeItem(STORAGE_KEY);
  location.assign(portalPage('login.html'));
});

// ─── The notification center: the host decides what opening a notification does ───────────

let navigationTimer;
document.addEventListener('bay-notification-open', (event) => {
  const { link, notification } = event.detail;
  // A real portal would navigate: `location.assign(link)` or its router. The demo stays here.
  navigation.textContent = link
    ? `Would navigate to ${link}`
    : `“${notification.title}” has no link: nothing to open.`;
  navigation.hidden = false;
  clearTimeout(navigationTimer);
  navigationTimer = setTimeout(() => {
    navigation.hidden = true;
  }, 8000);
});

// ─── Away status: the banner's link, the staff list, "away for one minute", routing ─────────

/** `#settings/away` (the banner's link) opens that section of the panel. */
function followHash() {
  const match = /^#settings\/([a-z]+)$/.exec(location.hash);
  if (!match) return;
  settings.section = match[1];
  settings.scrollIntoView({ block: 'start' });
}
window.addEventListener('hashchange', followHash);

function renderStaff(users) {
  const list = document.getElementById('staff-list');
  list.replaceChildren(
    ...users.map((user) => {
      const item = document.createElement('li');
      const name = document.createElement('bay-user-name');
      name.setAttribute('user-id', user.id);
      name.textContent = user.name;
      const position = document.createElement('span');
      position.className = 'position';
      position.textContent = user.jobPosition ?? user.role;
      item.append(name, position);
      return item;
    }),
  );
  const select = document.getElementById('routing-user');
  select.replaceChildren(...users.map((user) => new Option(user.name, user.id)));
}

/** The next full minute at least a minute ahead, as the settings' date and time fields hold it. */
function oneMinuteAhead() {
  const at = new Date(Date.now() + 60_000);
  if (at.getSeconds() > 0 || at.getMilliseconds() > 0) {
    at.setMinutes(at.getMinutes() + 1, 0, 0);
  }
  const pad = (n) => String(n).padStart(2, '0');
  return {
    date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

document.getElementById('away-minute').addEventListener('click', async () => {
  const output = document.getElementById('away-minute-result');
  const client = provider.providedClient;
  if (!client) return;
  output.textContent = 'Saving…';
  try {
    const current = client.away.store.getState().away ?? (await client.away.get());
    const assignee = current.assignee
      ? { kind: current.assignee.kind, id: current.assignee.id }
      : null;
    const status = await client.away.set({ away: true, assignee, until: oneMinuteAhead() });
    output.textContent = `Away until ${new Date(status.until.at).toLocaleTimeString()}.`;
  } catch (error) {
    output.textContent = `Not saved: ${error.message}`;
  }
});

const REASONS = {
  not_away: 'they are not away',
  replied: 'they answered this conversation while away, so it stays theirs',
  no_assignee: 'they are away but named nobody to cover, so it stays theirs',
  assignee: 'they are away and this teammate covers',
  assignee_away: 'the teammate covering is away too, so it stays with them (no chains)',
  team_member: 'they are away; this team member has waited longest for a conversation',
  team_unavailable: 'everyone in the covering team is away, so it stays with them',
};

document.getElementById('routing-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const output = document.getElementById('routing-result');
  const client = provider.providedClient;
  if (!client) return;
  const data = new FormData(event.target);
  output.textContent = 'Asking…';
  try {
    const decision = await client.away.route({
      userId: String(data.get('userId')),
      conversationId: `demo-${crypto.randomUUID()}`,
      replied: data.get('replied') === 'on',
      title: String(data.get('title') ?? '').trim() || undefined,
    });
    output.textContent = `Goes to ${decision.assigneeName}: ${REASONS[decision.reason]}.`;
  } catch (error) {
    output.textContent = `Not routed: ${error.message}`;
  }
});

// ─── "Simulate a DMS event" (demo only) ────────────────────────────────────────────────────

const form = document.getElementById('simulate-form');
const typeSelect = document.getElementById('sim-type');
const usersBox = document.getElementById('sim-users');
const teamsBox = document.getElementById('sim-teams');
const result = document.getElementById('sim-result');

function checkbox(name, value, label) {
  const wrapper = document.createElement('label');
  wrapper.className = 'choice';
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.name = name;
  input.value = value;
  wrapper.append(input, ` ${label}`);
  return wrapper;
}

async function loadSimulator(users) {
  usersBox.replaceChildren(...users.map((user) => checkbox('userIds', user.id, user.name)));
  const [catalog, teams] = await Promise.all([
    fetch('/v1/catalog?lang=en').then((r) => (r.ok ? r.json() : null)),
    fetch('/v1/demo/teams').then((r) => (r.ok ? r.json() : { items: [] })),
  ]);
  teamsBox.replaceChildren(
    ...teams.items.map((team) =>
      checkbox('teamIds', team.id, `${team.name} (team of ${team.members})`),
    ),
  );
  if (!catalog) {
    typeSelect.replaceChildren(new Option('The catalog could not be loaded', ''));
    return;
  }
  typeSelect.replaceChildren(
    ...catalog.categories.map((category) => {
      const group = document.createElement('optgroup');
      group.label = category.label;
      group.append(...category.types.map((type) => new Option(type.label, type.key)));
      return group;
    }),
  );
  typeSelect.value = 'conversations.mention';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const body = {
    type: data.get('type'),
    userIds: data.getAll('userIds'),
    teamIds: data.getAll('teamIds'),
  };
  for (const key of ['title', 'body', 'link']) {
    const value = String(data.get(key) ?? '').trim();
    if (value) body[key] = value;
  }
  if (body.userIds.length + body.teamIds.length === 0) {
    result.textContent = 'Choose at least one user or team.';
    return;
  }
  result.textContent = 'Sending…';
  try {
    const response = await fetch('/v1/demo/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      const details = answer.error?.details?.map((d) => `${d.path}: ${d.message}`).join('; ');
      result.textContent = `Refused: ${details || answer.error?.message || response.status}`;
      return;
    }
    result.textContent = `Sent: ${answer.inApp} in-app notification${answer.inApp === 1 ? '' : 's'} for ${answer.recipients} recipient${answer.recipients === 1 ? '' : 's'}.`;
  } catch (error) {
    result.textContent = `The event could not be sent: ${error.message}`;
  }
});

// ─── Start ─────────────────────────────────────────────────────────────────────────────────

async function main() {
  const response = await fetch('/v1/demo/users');
  if (!response.ok) {
    status.textContent = 'The demo data is not loaded: start Baylink with npm start.';
    return;
  }
  const { items } = await response.json();
  picker.replaceChildren(
    new Option('Choose a demo user…', ''),
    ...items.map((user) => new Option(`${user.name} · ${user.jobPosition ?? user.role}`, user.id)),
  );
  const session = loadSession();
  const remembered = localStorage.getItem(STORAGE_KEY);
  if (session && items.some((user) => user.id === session.userId)) {
    picker.value = session.userId;
    useSession(session);
  } else if (remembered && items.some((user) => user.id === remembered)) {
    picker.value = remembered;
    signIn(remembered);
  }
  picker.addEventListener('change', () => signIn(picker.value));
  document.addEventListener('bay-settings-change', (event) => {
    const me = event.detail?.me;
    if (!me) return;
    const option = [...picker.options].find((o) => o.value === me.id);
    if (option) option.textContent = `${me.name} · ${me.jobPosition ?? me.role}`;
  });
  renderStaff(items);
  followHash();
  await loadSimulator(items);
}

main().catch((error) => {
  status.textContent = `The demo could not start: ${error.message}`;
});
