/// <reference types="mocha" />
import { BaylinkError } from '@baylink/sdk';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { deepActiveElement, expectAccessible } from '../testing/helpers.ts';
import { createMemoryClient, type MemoryClient } from '../testing/memory-client.ts';
import { authElementLocalizes } from './auth-suites.ts';
import './bay-login.ts';
import type { BayLoginEvent, BayPasswordResetRequestedEvent } from './events.ts';
import type { BayLogin } from './login.ts';

const ACCOUNT = '00000000-0000-4000-8000-0000000000a1';
const RESET_URL = 'https://portal.example.com/reset?token={token}';

async function render(
  client: MemoryClient = createMemoryClient(),
  options: { lang?: string; resetUrl?: string | null; accountId?: string } = {},
): Promise<BayLogin> {
  const resetUrl = options.resetUrl === undefined ? RESET_URL : options.resetUrl;
  const element = await fixture<BayLogin>(
    html`<bay-login
      .client=${client}
      lang=${options.lang ?? 'en'}
      account-id=${options.accountId ?? ACCOUNT}
    ></bay-login>`,
  );
  if (resetUrl) element.setAttribute('reset-url', resetUrl);
  await element.updateComplete;
  return element;
}

function inside<E extends Element = HTMLElement>(element: HTMLElement, selector: string): E {
  const found = element.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`No ${selector} in <${element.localName}>`);
  return found;
}

const control = (element: HTMLElement, name: string) =>
  inside<HTMLInputElement>(element, `input[name="${name}"]`);

const text = (element: HTMLElement, selector: string) =>
  inside(element, selector).textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function type(element: BayLogin, name: string, value: string): Promise<void> {
  const input = control(element, name);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

function errorOf(element: HTMLElement, name: string): string | undefined {
  const ids = control(element, name).getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids
    .map((id) => element.shadowRoot?.getElementById(id))
    .find((node) => node?.matches('[part~="error"]'));
  return error?.textContent?.trim();
}

function labelOf(element: HTMLElement, name: string): string {
  return text(element, `label[for="${control(element, name).id}"]`);
}

authElementLocalizes({
  tag: 'bay-login',
  attributes: { 'account-id': ACCOUNT, 'reset-url': RESET_URL },
  heading: { en: 'Sign in', fr: 'Connexion' },
  labels: {
    en: ['Email', 'Password', 'Forgot your password?'],
    fr: ['Adresse courriel', 'Mot de passe', 'Mot de passe oublié ?', 'Se connecter'],
  },
  overridable: 'login.forgot',
});

describe('<bay-login>', () => {
  afterEach(async () => {
    await setViewport({ width: 1024, height: 768 });
  });

  describe('signing in', () => {
    it('shows email and password fields with their autocomplete, and "Sign in"', async () => {
      const element = await render();
      expect(text(element, '[part~="header"]')).to.equal('Sign in');
      expect(inside(element, '[part~="header"]').getAttribute('role')).to.equal('heading');
      expect(labelOf(element, 'email')).to.equal('Email');
      expect(labelOf(element, 'password')).to.equal('Password');
      expect(control(element, 'email').type).to.equal('email');
      expect(control(element, 'email').autocomplete).to.equal('username');
      expect(control(element, 'password').type).to.equal('password');
      expect(control(element, 'password').autocomplete).to.equal('current-password');
      expect(text(element, '[part~="submit-button"]')).to.equal('Sign in');
      expect(text(element, '[part~="forgot-button"]')).to.equal('Forgot your password?');
    });

    it('signs in, says so and dispatches bay-login with the token', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      await type(element, 'email', ' Alex.Martin@example.com ');
      await type(element, 'password', 'baylink-demo-1');
      const event = oneEvent(element, 'bay-login') as Promise<BayLoginEvent>;
      expect(await element.signIn()).to.equal(true);
      const { detail, bubbles, composed } = await event;
      expect(bubbles && composed).to.equal(true);
      expect(detail.token).to.match(/^memory-token-/);
      expect(detail.userId).to.equal(client.profile.id);
      expect(Date.parse(detail.expiresAt)).to.be.greaterThan(Date.now());
      expect(client.callsOf('auth.login')[0]?.args[0]).to.deep.include({
        accountId: ACCOUNT,
        email: 'Alex.Martin@example.com',
      });
      await element.updateComplete;
      expect(text(element, '[part~="status"]')).to.equal('You are signed in.');
      expect(control(element, 'password').value).to.equal('');
    });

    it('refuses empty or malformed fields without calling the API', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      inside<HTMLButtonElement>(element, '[part~="submit-button"]').click();
      await waitUntil(() => errorOf(element, 'email'), 'errors');
      expect(errorOf(element, 'email')).to.equal('Enter your email address.');
      expect(errorOf(element, 'password')).to.equal('Enter your password.');
      expect(deepActiveElement()).to.equal(control(element, 'email'));
      await type(element, 'email', 'alex.example.com');
      expect(errorOf(element, 'email')).to.equal(
        'Enter an email address such as name@example.com.',
      );
      await type(element, 'email', 'alex@example.com');
      expect(errorOf(element, 'email')).to.equal(undefined);
      expect(client.callsOf('auth.login')).to.have.length(0);
    });

    it('says the email or password is wrong without saying which, and focuses the password', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      await type(element, 'email', 'alex.martin@example.com');
      await type(element, 'password', 'wrong-password-1');
      expect(await element.signIn()).to.equal(false);
      const wrongPassword = text(element, '[part~="alert"]');
      expect(wrongPassword).to.equal('The email or password is not correct.');
      expect(control(element, 'password').value).to.equal('');
      expect(deepActiveElement()).to.equal(control(element, 'password'));

      await type(element, 'email', 'nobody@example.com');
      await type(element, 'password', 'baylink-demo-1');
      await element.signIn();
      expect(text(element, '[part~="alert"]')).to.equal(wrongPassword);
    });

    it('shows a signing-in state while the API answers', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      await type(element, 'email', 'alex.martin@example.com');
      await type(element, 'password', 'baylink-demo-1');
      client.hold();
      const signing = element.signIn();
      await element.updateComplete;
      expect(text(element, '[part~="submit-button"]')).to.equal('Signing in…');
      expect(inside(element, '[part~="submit-button"]').getAttribute('aria-disabled')).to.equal(
        'true',
      );
      client.release();
      expect(await signing).to.equal(true);
    });

    it('says how long to wait when rate limited, in French too', async () => {
      const client = createMemoryClient();
      const element = await render(client, { lang: 'fr' });
      const limited = new BaylinkError({ status: 429, code: 'rate_limited', message: 'Slow down' });
      Object.assign(limited, { retryAfter: 45 });
      client.failNext(limited, 'auth.login');
      await type(element, 'email', 'alex.martin@example.com');
      await type(element, 'password', 'baylink-demo-1');
      await element.signIn();
      expect(text(element, '[part~="alert"]')).to.equal(
        'Trop de tentatives. Réessayez dans 45 secondes.',
      );
      client.failNext({ status: 429, code: 'rate_limited' }, 'auth.login');
      element.setAttribute('lang', 'en');
      await element.signIn();
      expect(text(element, '[part~="alert"]')).to.equal(
        'Too many attempts. Wait a few minutes, then try again.',
      );
    });

    it('says when the account does not use Baylink passwords', async () => {
      const element = await render(createMemoryClient({ auth: { enabled: false } }));
      await type(element, 'email', 'alex.martin@example.com');
      await type(element, 'password', 'baylink-demo-1');
      await element.signIn();
      expect(text(element, '[part~="alert"]')).to.contain(
        'This account does not sign in with a Baylink password',
      );
    });

    it('is usable from the keyboard alone', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      control(element, 'email').focus();
      await sendKeys({ type: 'alex.martin@example.com' });
      const order: string[] = [];
      for (let index = 0; index < 4; index += 1) {
        await sendKeys({ press: 'Tab' });
        const active = deepActiveElement();
        order.push(active?.getAttribute('name') ?? active?.getAttribute('part') ?? '?');
      }
      expect(order).to.deep.equal(['password', 'toggle', 'submit-button', 'forgot-button']);
      control(element, 'password').focus();
      await sendKeys({ type: 'baylink-demo-1' });
      const event = oneEvent(element, 'bay-login');
      await sendKeys({ press: 'Enter' });
      expect((await event).detail.token).to.match(/^memory-token-/);
    });

    it('fits a phone screen', async () => {
      await setViewport({ width: 360, height: 740 });
      const element = await render();
      const box = element.getBoundingClientRect();
      expect(box.width).to.be.at.most(360);
      const submit = inside(element, '[part~="submit-button"]').getBoundingClientRect();
      // On a phone the actions stack and span the width.
      expect(submit.width).to.be.greaterThan(box.width * 0.8);
      expect(submit.height).to.be.at.least(44);
      expect(inside(element, 'section').scrollWidth).to.be.at.most(element.clientWidth);
    });
  });

  describe('"Forgot your password?"', () => {
    it('is offered only with a reset-url', async () => {
      const element = await render(createMemoryClient(), { resetUrl: null });
      expect(element.shadowRoot?.querySelector('[part~="forgot-button"]')).to.equal(null);
    });

    it('asks for the email (kept from the sign-in form) and focuses it', async () => {
      const element = await render();
      await type(element, 'email', 'alex.martin@example.com');
      inside<HTMLButtonElement>(element, '[part~="forgot-button"]').click();
      await waitUntil(() => deepActiveElement()?.getAttribute('name') === 'email', 'email focused');
      expect(element.view).to.equal('forgot');
      expect(text(element, '[part~="header"]')).to.equal('Reset your password');
      expect(control(element, 'email').value).to.equal('alex.martin@example.com');
      expect(control(element, 'email').getAttribute('aria-describedby')).to.contain(
        'request-intro',
      );
      expect(text(element, '[part~="submit-button"]')).to.equal('Send reset instructions');
      expect(element.shadowRoot?.querySelector('input[name="password"]')).to.equal(null);
    });

    it('answers the same neutral confirmation for a known and an unknown address', async () => {
      const client = createMemoryClient();
      const known = await render(client);
      known.view = 'forgot';
      await known.updateComplete;
      await type(known, 'email', 'alex.martin@example.com');
      const requested = oneEvent(
        known,
        'bay-password-reset-requested',
      ) as Promise<BayPasswordResetRequestedEvent>;
      expect(await known.requestReset()).to.equal(true);
      expect((await requested).detail.email).to.equal('alex.martin@example.com');
      await known.updateComplete;
      expect(known.view).to.equal('sent');
      const knownText = text(known, '[part~="sent"]');
      expect(knownText).to.equal(
        'If an account is registered with alex.martin@example.com, we have sent it instructions to reset its password. The link works once and for a limited time.',
      );
      expect(deepActiveElement()).to.equal(inside(known, '[part~="header"]'));
      expect(client.passwordAuth.mails).to.have.length(1);
      expect(client.passwordAuth.mails[0]?.link).to.match(
        /^https:\/\/portal\.example\.com\/reset\?token=reset-/,
      );
      expect(client.callsOf('auth.requestReset')[0]?.args[0]).to.deep.equal({
        accountId: ACCOUNT,
        email: 'alex.martin@example.com',
        resetUrl: RESET_URL,
      });

      const unknown = await render(client);
      unknown.view = 'forgot';
      await unknown.updateComplete;
      await type(unknown, 'email', 'nobody@example.com');
      expect(await unknown.requestReset()).to.equal(true);
      await unknown.updateComplete;
      expect(text(unknown, '[part~="sent"]')).to.equal(
        knownText.replace('alex.martin@example.com', 'nobody@example.com'),
      );
      expect(client.passwordAuth.mails).to.have.length(1);
    });

    it('checks the email first, and says how long to wait when rate limited', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      element.view = 'forgot';
      await element.updateComplete;
      expect(await element.requestReset()).to.equal(false);
      expect(errorOf(element, 'email')).to.equal('Enter your email address.');
      expect(client.callsOf('auth.requestReset')).to.have.length(0);
      const limited = new BaylinkError({ status: 429, code: 'rate_limited', message: 'Slow down' });
      Object.assign(limited, { retryAfter: 3600 });
      client.failNext(limited, 'auth.requestReset');
      await type(element, 'email', 'alex.martin@example.com');
      expect(await element.requestReset()).to.equal(false);
      expect(text(element, '[part~="alert"]')).to.equal('Too many attempts. Try again in 1 hour.');
      expect(element.view).to.equal('forgot');
    });

    it('goes back to sign-in by keyboard, with the email kept', async () => {
      const element = await render();
      await type(element, 'email', 'alex.martin@example.com');
      inside<HTMLButtonElement>(element, '[part~="forgot-button"]').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => element.view === 'forgot', 'forgot view');
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()?.getAttribute('part')).to.equal('back-button');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => element.view === 'sign-in', 'sign-in view');
      expect(deepActiveElement()).to.equal(control(element, 'email'));
      expect(control(element, 'email').value).to.equal('alex.martin@example.com');
    });

    it('passes an accessibility check in every view, with errors', async () => {
      const element = await render();
      await element.signIn();
      await expectAccessible(element);
      element.view = 'forgot';
      await element.updateComplete;
      await element.requestReset();
      await expectAccessible(element);
      await type(element, 'email', 'alex.martin@example.com');
      await element.requestReset();
      await element.updateComplete;
      await expectAccessible(element);
    });
  });
});
