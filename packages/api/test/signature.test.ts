import { randomUUID } from 'node:crypto';
import { SIGNATURE_MAX_LENGTH } from '@baylink/sdk';
import type { Signature, SignedMessage } from '@baylink/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, pathsOf } from './support/errors.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  other = await t.tenant();
});
afterAll(() => t.close());

async function read(token = tenant.memberToken): Promise<Signature> {
  const response = await t.request('/v1/me/signature', { token });
  expect(response.status).toBe(200);
  return json<Signature>(response);
}

function patch(body: unknown, token = tenant.memberToken) {
  return t.request('/v1/me/signature', { method: 'PATCH', token, json: body });
}

async function update(body: unknown, token = tenant.memberToken): Promise<Signature> {
  const response = await patch(body, token);
  expect(response.status).toBe(200);
  return json<Signature>(response);
}

async function apply(body: string, token = tenant.memberToken): Promise<SignedMessage> {
  const response = await t.request('/v1/me/signature/apply', {
    method: 'POST',
    token,
    json: { body },
  });
  expect(response.status).toBe(200);
  return json<SignedMessage>(response);
}

const twin = (accountId: string, userId: string) =>
  `/v1/accounts/${accountId}/users/${userId}/signature`;

/** A fresh user of the tenant's account, so each test starts from the defaults. */
async function newUser(name: string, owner: TestTenant = tenant) {
  const [row] = await t.sql<{ id: string }[]>`
    insert into users (account_id, name) values (${owner.accountId}, ${name}) returning id`;
  const id = row!.id;
  return { id, token: await t.token(owner, id) };
}

describe('GET /v1/me/signature', () => {
  it('starts on and empty, so the profile name signs the messages', async () => {
    const user = await newUser('Dana Default');
    expect(await read(user.token)).toEqual({
      enabled: true,
      text: '',
      effective: 'Dana Default',
      updatedAt: null,
    });
  });

  it('answers 401 without a token', async () => {
    const response = await t.request('/v1/me/signature');
    expect(response.status).toBe(401);
  });
});

describe('PATCH /v1/me/signature', () => {
  it('saves a multi-line text with normalised line breaks, trimmed, and keeps it', async () => {
    const user = await newUser('Nora Lines');
    const saved = await update(
      { text: '  Nora Lines\r\nService advisor\rGarage Lavoie, 418 555-0199  \n' },
      user.token,
    );
    expect(saved.text).toBe('Nora Lines\nService advisor\nGarage Lavoie, 418 555-0199');
    expect(saved.effective).toBe(saved.text);
    expect(saved.enabled).toBe(true);
    expect(Date.parse(saved.updatedAt ?? '')).not.toBeNaN();
    expect(await read(user.token)).toEqual(saved);
  });

  it('switches the signature off and on, keeping the text', async () => {
    const user = await newUser('Omar Switch');
    await update({ text: 'Omar — Parts' }, user.token);
    const off = await update({ enabled: false }, user.token);
    expect(off).toMatchObject({ enabled: false, text: 'Omar — Parts', effective: null });
    expect(await read(user.token)).toMatchObject({ enabled: false, effective: null });
    const on = await update({ enabled: true }, user.token);
    expect(on).toMatchObject({ enabled: true, text: 'Omar — Parts', effective: 'Omar — Parts' });
  });

  it('saves the switch off for a user who never had a signature, with an empty text', async () => {
    const user = await newUser('Paul Off');
    expect(await update({ enabled: false }, user.token)).toMatchObject({
      enabled: false,
      text: '',
      effective: null,
    });
  });

  it('falls back to the profile name when the text is emptied, and follows a name change', async () => {
    const user = await newUser('Rita Name');
    await update({ text: 'R. Name' }, user.token);
    const emptied = await update({ text: '   \n  ' }, user.token);
    expect(emptied).toMatchObject({ enabled: true, text: '', effective: 'Rita Name' });
    const renamed = await t.request('/v1/me', {
      method: 'PATCH',
      token: user.token,
      json: { name: 'Rita Nameless' },
    });
    expect(renamed.status).toBe(200);
    expect((await read(user.token)).effective).toBe('Rita Nameless');
  });

  it('accepts a text of exactly the limit', async () => {
    const user = await newUser('Max Length');
    const text = 'x'.repeat(SIGNATURE_MAX_LENGTH);
    expect((await update({ text }, user.token)).text).toBe(text);
  });

  it('answers an empty patch with the signature unchanged, and writes nothing', async () => {
    const user = await newUser('Ed Empty');
    await update({ text: 'Ed' }, user.token);
    const before = await read(user.token);
    expect(await update({}, user.token)).toEqual(before);
  });

  it('changes only the signed-in user’s signature', async () => {
    const member = await newUser('Sam One');
    const neighbour = await newUser('Sam Two');
    const stranger = await newUser('Sam Three', other);
    await update({ text: 'Only mine' }, member.token);
    expect((await read(neighbour.token)).text).toBe('');
    expect((await read(stranger.token)).effective).toBe('Sam Three');
  });

  describe('refuses bad input with 400 naming the field, and changes nothing', () => {
    let user: { id: string; token: string };
    let before: Signature;

    beforeAll(async () => {
      user = await newUser('Bea Bad');
      before = await update({ text: 'Bea\nBodyshop', enabled: true }, user.token);
    });

    const cases: [string, unknown, string[]][] = [
      ['a text over the limit', { text: 'y'.repeat(SIGNATURE_MAX_LENGTH + 1) }, ['text']],
      ['wrong types', { enabled: 'yes', text: 42 }, ['enabled', 'text']],
      ['a null text', { text: null }, ['text']],
      ['an unknown field', { text: 'Fine', html: '<b>Bea</b>' }, ['(body)']],
      ['control characters', { text: 'Bea\u0000\u0007' }, ['text']],
      ['a body that is not an object', ['text'], ['(body)']],
    ];
    for (const [what, body, paths] of cases) {
      it(`for ${what}`, async () => {
        const response = await patch(body, user.token);
        expect(response.status).toBe(400);
        const error = await errorOf(response);
        expect(error.code).toBe('validation_failed');
        for (const path of paths) expect(pathsOf(error)).toContain(path);
        expect(await read(user.token)).toEqual(before);
      });
    }

    it('for a body that is not JSON', async () => {
      const response = await t.request('/v1/me/signature', {
        method: 'PATCH',
        token: user.token,
        headers: { 'content-type': 'application/json' },
        body: '{"text":',
      });
      expect(response.status).toBe(400);
      expect(await read(user.token)).toEqual(before);
    });
  });
});

describe('POST /v1/me/signature/apply', () => {
  it('appends a blank line and the signature when it is on', async () => {
    const user = await newUser('Tess Apply');
    await update({ text: 'Tess\nService advisor' }, user.token);
    expect(await apply('Your car is ready.', user.token)).toEqual({
      body: 'Your car is ready.\n\nTess\nService advisor',
      signature: 'Tess\nService advisor',
    });
  });

  it('drops the body’s trailing blank space first, and keeps CRLF bodies in CRLF', async () => {
    const user = await newUser('Ugo Crlf');
    await update({ text: 'Ugo\nParts' }, user.token);
    expect((await apply('Hello,\n\nYour part arrived.  \n\n', user.token)).body).toBe(
      'Hello,\n\nYour part arrived.\n\nUgo\nParts',
    );
    expect((await apply('Hello,\r\nYour part arrived.\r\n', user.token)).body).toBe(
      'Hello,\r\nYour part arrived.\r\n\r\nUgo\r\nParts',
    );
  });

  it('answers the signature alone for a blank body', async () => {
    const user = await newUser('Vic Blank');
    expect(await apply('  \n', user.token)).toEqual({ body: 'Vic Blank', signature: 'Vic Blank' });
  });

  it('signs with the profile name when the text is empty', async () => {
    const user = await newUser('Wendy Fallback');
    expect(await apply('See you Tuesday.', user.token)).toEqual({
      body: 'See you Tuesday.\n\nWendy Fallback',
      signature: 'Wendy Fallback',
    });
  });

  it('returns the body unchanged when the signature is off', async () => {
    const user = await newUser('Xavier Off');
    await update({ text: 'Xavier', enabled: false }, user.token);
    const body = 'No signature here.  \n';
    expect(await apply(body, user.token)).toEqual({ body, signature: null });
  });

  it('refuses a missing, non-string, too long or extended body', async () => {
    const user = await newUser('Yara Invalid');
    for (const body of [{}, { body: 12 }, { body: 'z'.repeat(10_001) }, { body: 'ok', to: 'x' }]) {
      const response = await t.request('/v1/me/signature/apply', {
        method: 'POST',
        token: user.token,
        json: body,
      });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('validation_failed');
    }
  });
});

describe('the integrator’s twins (API key)', () => {
  it('signs a message for a user exactly as the user’s own apply does', async () => {
    const user = await newUser('Zoé Twin');
    await update({ text: 'Zoé\nConseillère technique' }, user.token);
    const body = 'Bonjour,\nvotre véhicule est prêt.\n';
    const mine = await apply(body, user.token);
    const response = await t.request(`${twin(tenant.accountId, user.id)}/apply`, {
      method: 'POST',
      token: tenant.apiKey,
      json: { body },
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual(mine);
    expect(mine.body).toBe('Bonjour,\nvotre véhicule est prêt.\n\nZoé\nConseillère technique');
  });

  it('reads a user’s signature, defaults included', async () => {
    const user = await newUser('Adam Twin');
    const response = await t.request(twin(tenant.accountId, user.id), { token: tenant.apiKey });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      enabled: true,
      text: '',
      effective: 'Adam Twin',
      updatedAt: null,
    });
  });

  it('follows the switch: a user who turned it off gets the body back unchanged', async () => {
    const user = await newUser('Bo Twin');
    await update({ enabled: false }, user.token);
    const response = await t.request(`${twin(tenant.accountId, user.id)}/apply`, {
      method: 'POST',
      token: tenant.apiKey,
      json: { body: 'Unsigned.' },
    });
    expect(await json(response)).toEqual({ body: 'Unsigned.', signature: null });
  });

  it('answers 404 for another integrator’s account and for a user of another account', async () => {
    const mine = await newUser('Cy Mine');
    const theirs = await newUser('Cy Theirs', other);
    const [sibling] = await t.sql<{ id: string }[]>`
      insert into accounts (integrator_id, name) values (${tenant.integratorId}, 'Sister store')
      returning id`;
    const attempts: [string, string][] = [
      // Another integrator's account, even with that account's real user.
      [other.accountId, theirs.id],
      // My account, another integrator's user.
      [tenant.accountId, theirs.id],
      // My other account, a user of my first account.
      [sibling!.id, mine.id],
      // No such user.
      [tenant.accountId, randomUUID()],
    ];
    for (const [accountId, userId] of attempts) {
      const read = await t.request(twin(accountId, userId), { token: tenant.apiKey });
      expect(read.status).toBe(404);
      expect((await errorOf(read)).code).toBe('not_found');
      const signed = await t.request(`${twin(accountId, userId)}/apply`, {
        method: 'POST',
        token: tenant.apiKey,
        json: { body: 'Hi' },
      });
      expect(signed.status).toBe(404);
    }
  });

  it('refuses bad ids and bodies with 400, and user tokens with 401', async () => {
    const user = await newUser('Di Twin');
    const badId = await t.request(twin(tenant.accountId, 'not-a-uuid'), { token: tenant.apiKey });
    expect(badId.status).toBe(400);
    expect(pathsOf(await errorOf(badId))).toContain('userId');
    const badBody = await t.request(`${twin(tenant.accountId, user.id)}/apply`, {
      method: 'POST',
      token: tenant.apiKey,
      json: { body: ['Hi'] },
    });
    expect(badBody.status).toBe(400);
    expect(pathsOf(await errorOf(badBody))).toContain('body');
    const withUserToken = await t.request(twin(tenant.accountId, user.id), { token: user.token });
    expect(withUserToken.status).toBe(401);
  });
});

describe('the OpenAPI document', () => {
  it('describes the signature routes', async () => {
    const document = await json<{ paths: Record<string, Record<string, unknown>> }>(
      await t.request('/v1/openapi.json'),
    );
    expect(Object.keys(document.paths['/v1/me/signature'] ?? {})).toEqual(['get', 'patch']);
    expect(document.paths['/v1/me/signature/apply']).toHaveProperty('post');
    expect(
      document.paths['/v1/accounts/{accountId}/users/{userId}/signature/apply'],
    ).toHaveProperty('post');
  });
});
