/// <reference types="mocha" />
import { BaylinkError } from '@baylink/sdk';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { deepActiveElement, expectAccessible } from '../testing/helpers.ts';
import { createMemoryClient, type MemoryClient } from '../testing/memory-client.ts';
import { authElementLocalizes } from './auth-suites.ts';
import './bay-password-reset.ts';
import type { BayPasswordResetDoneEvent } from './events.ts';
import type { BayPasswordReset } from './password-reset.ts';

const ACCOUNT = '00000000-0000-4000-8000-0000000000a1';
const LONG_ENOUGH = 'x'.repeat(32);

/** A memory client with a reset link sent to its user; returns the link's token. */
async function withResetLink(client: MemoryClient): Promise<string> {
  await client.auth.requestReset({
    accountId: ACCOUNT,
    email: client.profile.email ?? '',
    resetUrl: 'https://portal.example.com/reset?token={token}',
  });
  const mail = client.passwordAuth.mails.at(-1);
  if (!mail) throw new Error('No reset mail');
  return mail.token;
}

async function render(
  client: MemoryClient,
  token: string | undefined,
  options: { lang?: string; loginUrl?: string } = {},
): Promise<BayPasswordReset> {
  const element = await fixture<BayPasswordReset>(
    html`<bay-password-reset
      .client=${client}
      lang=${options.lang ?? 'en'}
      account-id=${ACCOUNT}
      login-url=${options.loginUrl ?? '/portal/login.html'}
    ></bay-password-reset>`,
  );
  if (token !== undefined) element.token = token;
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

async function type(element: BayPasswordReset, name: string, value: string): Promise<void> {
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

function rules(element: HTMLElement): Array<[string, string]> {
  return Array.from(element.shadowRoot?.querySelectorAll<HTMLElement>('[part~="rule"]') ?? []).map(
    (rule) => [rule.dataset.rule ?? '', rule.dataset.state ?? ''],
  );
}

authElementLocalizes({
  tag: 'bay-password-reset',
  attributes: { token: LONG_ENOUGH, 'account-id': ACCOUNT },
  heading: { en: 'Choose a new password', fr: 'Choisissez un nouveau mot de passe' },
  labels: {
    en: ['Password (6 characters min)', 'Password confirmation', 'Save new password'],
    fr: [
      'Mot de passe (6 caractères min.)',
      'Confirmation du mot de passe',
      'Enregistrer le nouveau mot de passe',
      'Votre mot de passe doit comporter :',
    ],
  },
  overridable: 'reset.submit',
});

describe('<bay-password-reset>', () => {
  before(() => {
    (customElements.get('bay-password-reset') as typeof BayPasswordReset).announceDelay = 50;
  });

  afterEach(async () => {
    await setViewport({ width: 1024, height: 768 });
  });

  it('asks for the new password and its confirmation, with the rules checked as the user types', async () => {
    const client = createMemoryClient();
    const element = await render(client, await withResetLink(client));
    expect(text(element, '[part~="header"]')).to.equal('Choose a new password');
    expect(control(element, 'password').autocomplete).to.equal('new-password');
    expect(control(element, 'confirmation').autocomplete).to.equal('new-password');
    expect(rules(element)).to.deep.equal([
      ['length', 'pending'],
      ['letter', 'pending'],
      ['digit', 'pending'],
    ]);
    await type(element, 'password', '12345');
    expect(rules(element)).to.deep.equal([
      ['length', 'unmet'],
      ['letter', 'unmet'],
      ['digit', 'met'],
    ]);
    const announcer = inside(element, '[part~="announcer"]');
    await waitUntil(() => announcer.textContent?.trim(), 'announced');
    expect(announcer.textContent?.trim()).to.equal('Password rules met: 1 of 3.');
  });

  it('checks the rule and the confirmation before sending', async () => {
    const client = createMemoryClient();
    const element = await render(client, await withResetLink(client));
    await type(element, 'password', 'abcdef');
    await type(element, 'confirmation', 'abcdeg');
    expect(await element.save()).to.equal(false);
    expect(errorOf(element, 'password')).to.equal('Include at least one number.');
    expect(errorOf(element, 'confirmation')).to.equal('The passwords do not match.');
    expect(deepActiveElement()).to.equal(control(element, 'password'));
    expect(client.callsOf('auth.resetPassword')).to.have.length(0);
  });

  it('checks the account’s stricter rule when the host gives it', async () => {
    const client = createMemoryClient();
    const element = await render(client, await withResetLink(client));
    element.policy = {
      minLength: 10,
      requireLetter: true,
      requireDigit: true,
      requireMixedCase: true,
      requireSymbol: false,
    };
    await element.updateComplete;
    expect(text(element, 'label[for="password"]')).to.equal('Password (10 characters min)');
    await type(element, 'password', 'abcdefgh12');
    await type(element, 'confirmation', 'abcdefgh12');
    await element.save();
    expect(errorOf(element, 'password')).to.equal('Use both upper and lower case letters.');
  });

  it('saves the new password, says so, offers "Sign in" and dispatches bay-password-reset-done', async () => {
    const client = createMemoryClient();
    const element = await render(client, await withResetLink(client));
    await type(element, 'password', 'summer-2026');
    await type(element, 'confirmation', 'summer-2026');
    const done = oneEvent(element, 'bay-password-reset-done') as Promise<BayPasswordResetDoneEvent>;
    expect(await element.save()).to.equal(true);
    expect((await done).detail.loginUrl).to.equal('/portal/login.html');
    await element.updateComplete;
    expect(element.view).to.equal('done');
    expect(text(element, '[part~="header"]')).to.equal('Password changed');
    expect(text(element, '[part~="status"]')).to.equal(
      'Your password was changed. Sign in with your new password.',
    );
    const signIn = inside<HTMLAnchorElement>(element, '[part~="sign-in-link"]');
    expect(signIn.getAttribute('href')).to.equal('/portal/login.html');
    expect(signIn.textContent?.trim()).to.equal('Sign in');
    expect(deepActiveElement()).to.equal(inside(element, '[part~="header"]'));
    expect(client.passwordAuth.password).to.equal('summer-2026');
    await expectAccessible(element);
  });

  it('says a used, expired or wrong link no longer works, and offers a new one', async () => {
    const client = createMemoryClient();
    const token = await withResetLink(client);
    const first = await render(client, token);
    await type(first, 'password', 'summer-2026');
    await type(first, 'confirmation', 'summer-2026');
    expect(await first.save()).to.equal(true);

    // The same link again.
    const again = await render(client, token);
    await type(again, 'password', 'autumn-2026');
    await type(again, 'confirmation', 'autumn-2026');
    expect(await again.save()).to.equal(false);
    await again.updateComplete;
    expect(again.view).to.equal('invalid');
    expect(text(again, '[part~="header"]')).to.equal('This link no longer works');
    expect(again.shadowRoot?.textContent).to.contain('it was already used, it has expired');
    expect(deepActiveElement()).to.equal(inside(again, '[part~="header"]'));
    expect(text(again, '[part~="ask-again-button"]')).to.equal('Ask for a new link');
    expect(inside(again, '[part~="back-button"]').getAttribute('href')).to.equal(
      '/portal/login.html',
    );
    expect(client.passwordAuth.password).to.equal('summer-2026');
    await expectAccessible(again);

    // An expired one.
    const expired = await withResetLink(client);
    client.passwordAuth.expireResetLinks();
    const late = await render(client, expired);
    await type(late, 'password', 'autumn-2026');
    await type(late, 'confirmation', 'autumn-2026');
    await late.save();
    await late.updateComplete;
    expect(late.view).to.equal('invalid');
  });

  it('shows the link as not valid at once when it has no token', async () => {
    const element = await render(createMemoryClient(), undefined, { lang: 'fr' });
    expect(element.view).to.equal('invalid');
    expect(text(element, '[part~="header"]')).to.equal('Ce lien ne fonctionne plus');
    expect(text(element, '[part~="ask-again-button"]')).to.equal('Demander un nouveau lien');
  });

  it('asks for a new link from the invalid view, leading back to this page by default', async () => {
    const client = createMemoryClient();
    const element = await render(client, 'not-a-real-token-at-all');
    await type(element, 'password', 'summer-2026');
    await type(element, 'confirmation', 'summer-2026');
    await element.save();
    await element.updateComplete;
    inside<HTMLButtonElement>(element, '[part~="ask-again-button"]').click();
    await waitUntil(() => deepActiveElement()?.getAttribute('name') === 'email', 'email focused');
    expect(text(element, '[part~="header"]')).to.equal('Reset your password');
    await type(element, 'email', 'alex.martin@example.com');
    expect(await element.requestReset()).to.equal(true);
    await element.updateComplete;
    expect(element.view).to.equal('sent');
    expect(text(element, '[part~="sent"]')).to.contain(
      'If an account is registered with alex.martin@example.com',
    );
    const [call] = client.callsOf('auth.requestReset');
    const resetUrl = (call?.args[0] as { resetUrl?: string } | undefined)?.resetUrl ?? '';
    const expected = new URL(location.href);
    expected.searchParams.delete('token');
    expect(resetUrl.startsWith(`${expected.origin}${expected.pathname}`)).to.equal(true);
    expect(resetUrl.endsWith('token={token}')).to.equal(true);
    const mail = client.passwordAuth.mails.at(-1);
    expect(mail?.link).to.contain(`token=${mail?.token}`);
  });

  it('maps the API’s 400 details onto the fields, and says how long to wait when rate limited', async () => {
    const client = createMemoryClient();
    const element = await render(client, await withResetLink(client));
    client.failNext(
      {
        status: 400,
        code: 'validation_failed',
        details: [{ path: 'password', message: 'This password is too common' }],
      },
      'auth.resetPassword',
    );
    await type(element, 'password', 'password1');
    await type(element, 'confirmation', 'password1');
    expect(await element.save()).to.equal(false);
    expect(errorOf(element, 'password')).to.equal('This password is too common');

    const limited = new BaylinkError({ status: 429, code: 'rate_limited', message: 'Slow down' });
    Object.assign(limited, { retryAfter: 90 });
    client.failNext(limited, 'auth.resetPassword');
    await type(element, 'password', 'summer-2026');
    await type(element, 'confirmation', 'summer-2026');
    expect(await element.save()).to.equal(false);
    expect(text(element, '[part~="alert"]')).to.equal('Too many attempts. Try again in 2 minutes.');
    expect(element.view).to.equal('form');
  });

  it('is usable from the keyboard alone', async () => {
    const client = createMemoryClient();
    const element = await render(client, await withResetLink(client));
    control(element, 'password').focus();
    await sendKeys({ type: 'winter-2027' });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.getAttribute('part')).to.equal('toggle');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(control(element, 'confirmation'));
    await sendKeys({ type: 'winter-2027' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.getAttribute('part')).to.equal('submit-button');
    const done = oneEvent(element, 'bay-password-reset-done');
    await sendKeys({ press: 'Enter' });
    await done;
    expect(client.passwordAuth.password).to.equal('winter-2027');
  });

  it('starts over when it is given another token', async () => {
    const client = createMemoryClient();
    const element = await render(client, 'not-a-real-token-at-all');
    await type(element, 'password', 'summer-2026');
    await type(element, 'confirmation', 'summer-2026');
    await element.save();
    await element.updateComplete;
    expect(element.view).to.equal('invalid');
    element.token = await withResetLink(client);
    await element.updateComplete;
    expect(element.view).to.equal('form');
    expect(control(element, 'password').value).to.equal('');
  });

  it('fits a phone screen', async () => {
    await setViewport({ width: 360, height: 740 });
    const client = createMemoryClient();
    const element = await render(client, await withResetLink(client));
    expect(element.getBoundingClientRect().width).to.be.at.most(360);
    expect(inside(element, 'section').scrollWidth).to.be.at.most(element.clientWidth);
    const submit = inside(element, '[part~="submit-button"]').getBoundingClientRect();
    expect(submit.width).to.be.greaterThan(element.getBoundingClientRect().width * 0.8);
  });
});
