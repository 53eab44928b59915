/// <reference types="mocha" />
import type { Me } from '@baylink/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../settings-panel/bay-profile-section.ts';
import type { BayProfileSection } from '../settings-panel/profile-section.ts';
import { createMemoryClient } from '../testing/memory-client.ts';
import { controlValue } from '../testing/suites.ts';
import './bay-provider.ts';
import { type BayProvider, BayProvider as BayProviderClass } from './provider.ts';

const API = 'https://api.baylink.test';

function profile(name: string): Me {
  return {
    id: '00000000-0000-4000-8000-000000000009',
    accountId: '00000000-0000-4000-8000-0000000000a9',
    name,
    email: 'sam@example.com',
    language: 'en',
    jobPosition: null,
    referenceId: null,
    photoUrl: null,
    role: 'member',
    capabilities: [],
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('<bay-provider>', () => {
  const realFetch = window.fetch;
  let requests: { url: string; authorization: string | null }[] = [];

  beforeEach(() => {
    requests = [];
    // The real SDK client talks to this fake API: each token names its user.
    window.fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const authorization = new Headers(init?.headers).get('authorization');
      requests.push({ url, authorization });
      const token = authorization?.replace('Bearer ', '') ?? '';
      return new Response(JSON.stringify(profile(`User of ${token}`)), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
  });

  afterEach(() => {
    window.fetch = realFetch;
  });

  it('reaches elements that connected before the provider was defined', async () => {
    // A host may load an element before <bay-provider> (or define the provider later): the
    // element's request for the client waits and is answered when the provider appears.
    const client = createMemoryClient({ me: profile('Late Provider') });
    const host = document.createElement('div');
    host.innerHTML =
      '<bay-late-provider><bay-profile-section></bay-profile-section></bay-late-provider>';
    document.body.append(host);
    const provider = host.querySelector('bay-late-provider') as BayProvider;
    const section = host.querySelector('bay-profile-section') as BayProfileSection;
    await section.updateComplete;
    expect(controlValue(section, 'name')).to.not.equal('Late Provider');
    customElements.define('bay-late-provider', class extends BayProviderClass {});
    provider.client = client;
    await waitUntil(
      () => controlValue(section, 'name') === 'Late Provider',
      'the late provider reached the section',
    );
    host.remove();
  });

  it('renders its children as if it were not there', async () => {
    const provider = await fixture<BayProvider>(
      html`<bay-provider><p>Host content</p></bay-provider>`,
    );
    expect(getComputedStyle(provider).display).to.equal('contents');
    expect(provider.shadowRoot?.querySelector('slot')).to.not.equal(null);
  });

  it('gives its client property to elements inside, even inside other shadow roots', async () => {
    const client = createMemoryClient({ me: { name: 'Alex Martin' } });
    const provider = await fixture<BayProvider>(
      html`<bay-provider .client=${client}><div></div></bay-provider>`,
    );
    const host = (provider.querySelector('div') as HTMLDivElement).attachShadow({ mode: 'open' });
    const section = document.createElement('bay-profile-section');
    host.append(section);
    await section.updateComplete;
    expect(section.activeClient).to.equal(client);
    expect(controlValue(section, 'name')).to.equal('Alex Martin');
  });

  it('gives elements defined after it the same client', async () => {
    const client = createMemoryClient();
    const provider = await fixture<BayProvider>(
      html`<bay-provider .client=${client}></bay-provider>`,
    );
    const late = document.createElement('bay-profile-section');
    provider.append(late);
    await late.updateComplete;
    expect(late.activeClient).to.equal(client);
  });

  it('creates a client from base-url and token, and a new one when the token changes', async () => {
    const provider = await fixture<BayProvider>(
      html`<bay-provider base-url=${API} token="t1"><bay-profile-section></bay-profile-section></bay-provider>`,
    );
    const section = provider.querySelector('bay-profile-section') as BayProfileSection;
    await waitUntil(() => controlValue(section, 'name') === 'User of t1', 'profile of t1');
    const first = provider.providedClient;
    expect(first?.baseUrl).to.equal(API);
    expect(requests[0]).to.deep.equal({ url: `${API}/v1/me`, authorization: 'Bearer t1' });

    provider.setAttribute('token', 't2');
    await waitUntil(() => controlValue(section, 'name') === 'User of t2', 'profile of t2');
    expect(provider.providedClient).to.not.equal(first);
    expect(section.activeClient).to.equal(provider.providedClient);
    expect(requests.at(-1)?.authorization).to.equal('Bearer t2');
  });

  it('creates a client from a getToken callback', async () => {
    let calls = 0;
    const provider = await fixture<BayProvider>(html`<bay-provider
      base-url=${API}
      .getToken=${async () => {
        calls += 1;
        return 'from-callback';
      }}
      ><bay-profile-section></bay-profile-section
    ></bay-provider>`);
    const section = provider.querySelector('bay-profile-section') as BayProfileSection;
    await waitUntil(() => controlValue(section, 'name') === 'User of from-callback', 'profile');
    expect(calls).to.equal(1);
  });

  it('provides nothing until it has a base URL and a token', async () => {
    const provider = await fixture<BayProvider>(
      html`<bay-provider base-url=${API}></bay-provider>`,
    );
    expect(provider.providedClient).to.equal(undefined);
    provider.token = 't3';
    await provider.updateComplete;
    expect(provider.providedClient?.baseUrl).to.equal(API);
  });

  it('prefers its client property over base-url, and never destroys a client it was given', async () => {
    const client = createMemoryClient();
    const provider = await fixture<BayProvider>(
      html`<bay-provider base-url=${API} token="t1" .client=${client}></bay-provider>`,
    );
    expect(provider.providedClient).to.equal(client);
    provider.remove();
    expect(client.destroyed).to.equal(false);
    expect(requests).to.have.length(0);
  });

  it('lets the nearest of two nested providers win', async () => {
    const outer = createMemoryClient({ me: { name: 'Outer User' } });
    const inner = createMemoryClient({ me: { name: 'Inner User' } });
    const root = await fixture<BayProvider>(html`<bay-provider .client=${outer}>
      <bay-profile-section id="a"></bay-profile-section>
      <bay-provider .client=${inner}><bay-profile-section id="b"></bay-profile-section></bay-provider>
    </bay-provider>`);
    const a = root.querySelector('#a') as BayProfileSection;
    const b = root.querySelector('#b') as BayProfileSection;
    await a.updateComplete;
    await b.updateComplete;
    expect(controlValue(a, 'name')).to.equal('Outer User');
    expect(controlValue(b, 'name')).to.equal('Inner User');
  });
});
