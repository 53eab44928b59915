// The page a reset mail's link opens: <bay-password-reset> with the link's token.
import { apiBase, demoAccountId, portalPage, wireLanguageSwitch } from './demo-session.js';

const reset = document.getElementById('reset');
const status = document.getElementById('status');

wireLanguageSwitch();
document.getElementById('home').href = portalPage('');
document.getElementById('login-link').href = portalPage('login.html');

reset.baseUrl = apiBase;
reset.token = new URLSearchParams(location.search).get('token') ?? undefined;
reset.loginUrl = portalPage('login.html');
reset.resetUrl = `${portalPage('reset.html', 'token=')}{token}`;

demoAccountId()
  .then((accountId) => {
    reset.accountId = accountId;
  })
  .catch((error) => {
    status.textContent = `The demo could not start: ${error.message}`;
    status.hidden = false;
  });
