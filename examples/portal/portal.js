// The mock dealer portal. A real host's backend mints user tokens with its integrator secret;
// here the demo-only route /v1/demo/token (served next to this page) stands in for it.
// `?api=` points the elements at another origin, to show cross-origin embedding.

const params = new URLSearchParams(location.search);
const apiBase = (params.get('api') ?? location.origin).replace(/\/$/, '');
const STORAGE_KEY = 'baylink-demo-user';

const picker = document.getElementById('demo-user');
const provider = document.getElementById('provider');
const status = document.getElementById('status');

async function demoToken(userId) {
  const response = await fetch('/v1/demo/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!response.ok) throw new Error(`The demo token route answered ${response.status}`);
  return (await response.json()).token;
}

function signIn(userId) {
  if (!userId) {
    provider.hidden = true;
    status.hidden = false;
    return;
  }
  localStorage.setItem(STORAGE_KEY, userId);
  provider.baseUrl = apiBase;
  provider.getToken = () => demoToken(userId);
  provider.hidden = false;
  status.hidden = true;
}

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
  const remembered = localStorage.getItem(STORAGE_KEY);
  if (remembered && items.some((user) => user.id === remembered)) {
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
}

main().catch((error) => {
  status.textContent = `The demo could not start: ${error.message}`;
});
