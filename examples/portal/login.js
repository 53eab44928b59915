// The portal's sign-in page: <bay-login> with Baylink's own identity. A real host would keep the
// token in its session; the demo keeps it in localStorage and opens the portal with it.
import {
  apiBase,
  demoAccountId,
  portalPage,
  saveSession,
  wireLanguageSwitch,
} from './demo-session.js';

const login = document.getElementById('login');
const status = document.getElementById('status');

wireLanguageSwitch();
for (const id of ['home', 'portal-link']) document.getElementById(id).href = portalPage('');

login.baseUrl = apiBase;
// Where the reset mail's link leads: this portal's reset page, `{token}` filled in by the API.
login.resetUrl = `${portalPage('reset.html', 'token=')}{token}`;
if (location.hash === '#forgot') login.view = 'forgot';

login.addEventListener('bay-login', (event) => {
  saveSession(event.detail);
  location.assign(portalPage(''));
});

demoAccountId()
  .then((accountId) => {
    login.accountId = accountId;
  })
  .catch((error) => {
    status.textContent = `The demo could not start: ${error.message}`;
    status.hidden = false;
  });
