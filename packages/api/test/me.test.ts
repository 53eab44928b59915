import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function image(format: 'jpeg' | 'png' | 'webp', width = 800, height = 600) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    [format]()
    .withMetadata({ exif: { IFD0: { Artist: 'Secret Photographer' } } })
    .toBuffer();
}

describe('GET /v1/me', () => {
  it('returns the signed-in user profile', async () => {
    const response = await t.request('/v1/me', { token: tenant.memberToken });
    expect(response.status).toBe(200);
    const me = await json(response);
    expect(me).toMatchObject({
      id: tenant.member.id,
      accountId: tenant.accountId,
      name: 'Marc Membre',
      language: 'fr',
      jobPosition: 'Technicien',
      photoUrl: null,
      role: 'member',
    });
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers 401 token_missing without a token', async () => {
    const response = await t.request('/v1/me');
    expect(response.status).toBe(401);
    expect((await json(response)).error).toMatchObject({ code: 'token_missing' });
  });

  it('sees only the token user even when another account exists', async () => {
    const mine = await json(await t.request('/v1/me', { token: other.memberToken }));
    expect(mine.id).toBe(other.member.id);
    expect(mine.accountId).toBe(other.accountId);
  });
});

describe('PATCH /v1/me', () => {
  it('updates the profile fields and keeps them', async () => {
    const response = await t.request('/v1/me', {
      method: 'PATCH',
      token: tenant.memberToken,
      json: {
        name: '  Marc Lefebvre ',
        email: 'Marc.Lefebvre@Example.com',
        language: 'en',
        jobPosition: 'Senior technician',
        referenceId: 'TEC-777',
      },
    });
    expect(response.status).toBe(200);
    const me = await json(response);
    expect(me).toMatchObject({
      name: 'Marc Lefebvre',
      email: 'marc.lefebvre@example.com',
      language: 'en',
      jobPosition: 'Senior technician',
      referenceId: 'TEC-777',
    });
    const again = await json(await t.request('/v1/me', { token: tenant.memberToken }));
    expect(again.name).toBe('Marc Lefebvre');
  });

  it('clears optional fields with an empty string', async () => {
    const me = await json(
      await t.request('/v1/me', {
        method: 'PATCH',
        token: tenant.memberToken,
        json: { jobPosition: '' },
      }),
    );
    expect(me.jobPosition).toBeNull();
  });

  it('rejects bad input with 400 naming every field, and changes nothing', async () => {
    const before = await json(await t.request('/v1/me', { token: tenant.memberToken }));
    const response = await t.request('/v1/me', {
      method: 'PATCH',
      token: tenant.memberToken,
      json: { name: '', email: 'not-an-email', language: 'de', favouriteColour: 'red' },
    });
    expect(response.status).toBe(400);
    const body = await json<{ error: { code: string; details: { path: string }[] } }>(response);
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'email', 'language']));
    const after = await json(await t.request('/v1/me', { token: tenant.memberToken }));
    expect(after).toEqual(before);
  });

  it('refuses an email another user of the account has, with 409 on the email field', async () => {
    const response = await t.request('/v1/me', {
      method: 'PATCH',
      token: tenant.memberToken,
      json: { email: tenant.admin.email },
    });
    expect(response.status).toBe(409);
    const body = await json<{ error: { code: string; details: { path: string }[] } }>(response);
    expect(body.error.code).toBe('email_taken');
    expect(body.error.details[0]?.path).toBe('email');
  });

  it('allows the same email in another account', async () => {
    const response = await t.request('/v1/me', {
      method: 'PATCH',
      token: other.memberToken,
      json: { email: tenant.admin.email },
    });
    expect(response.status).toBe(200);
  });

  it('answers 400 for malformed JSON and 415 for a body that is not JSON', async () => {
    const malformed = await t.request('/v1/me', {
      method: 'PATCH',
      token: tenant.memberToken,
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error).toMatchObject({ code: 'bad_request' });
    const wrongType = await t.request('/v1/me', {
      method: 'PATCH',
      token: tenant.memberToken,
      headers: { 'content-type': 'text/plain' },
      body: 'name=x',
    });
    expect(wrongType.status).toBe(415);
    expect((await json(wrongType)).error).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('answers 413 for a body over 100 KB', async () => {
    const response = await t.request('/v1/me', {
      method: 'PATCH',
      token: tenant.memberToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(200_000) }),
    });
    expect(response.status).toBe(413);
    expect((await json(response)).error).toMatchObject({ code: 'payload_too_large' });
  });
});

describe('PUT and DELETE /v1/me/photo', () => {
  it('re-encodes an upload to a square WebP without metadata, served by a signed URL', async () => {
    const upload = await t.request('/v1/me/photo', {
      method: 'PUT',
      token: tenant.adminToken,
      headers: { 'content-type': 'image/jpeg' },
      body: await image('jpeg'),
    });
    expect(upload.status).toBe(200);
    const me = await json<{ photoUrl: string }>(upload);
    expect(me.photoUrl).toMatch(/^\/v1\/files\/photos\/.+\.webp\?expires=\d+&signature=/);

    const file = await t.request(me.photoUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/webp');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const bytes = Buffer.from(await file.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBe(512);
    expect(meta.height).toBe(512);
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('Secret Photographer'))).toBe(false);
  });

  it('accepts PNG and WebP and sniffs the real type rather than trusting the header', async () => {
    for (const format of ['png', 'webp'] as const) {
      const response = await t.request('/v1/me/photo', {
        method: 'PUT',
        token: tenant.adminToken,
        headers: { 'content-type': 'application/octet-stream' },
        body: await image(format, 300, 900),
      });
      expect(response.status).toBe(200);
    }
    const disguised = await t.request('/v1/me/photo', {
      method: 'PUT',
      token: tenant.adminToken,
      headers: { 'content-type': 'image/png' },
      body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    });
    expect(disguised.status).toBe(415);
    const gif = await t.request('/v1/me/photo', {
      method: 'PUT',
      token: tenant.adminToken,
      headers: { 'content-type': 'image/gif' },
      body: Buffer.from('GIF89a'),
    });
    expect(gif.status).toBe(415);
  });

  it('refuses a photo over 5 MB with 413 and keeps the old one', async () => {
    const before = await json<{ photoUrl: string }>(
      await t.request('/v1/me', { token: tenant.adminToken }),
    );
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 1);
    const response = await t.request('/v1/me/photo', {
      method: 'PUT',
      token: tenant.adminToken,
      headers: { 'content-type': 'image/jpeg' },
      body: big,
    });
    expect(response.status).toBe(413);
    expect((await json(response)).error).toMatchObject({ code: 'payload_too_large' });
    const after = await json<{ photoUrl: string }>(
      await t.request('/v1/me', { token: tenant.adminToken }),
    );
    expect(after.photoUrl?.split('?')[0]).toBe(before.photoUrl?.split('?')[0]);
  });

  it('refuses a damaged image with 400', async () => {
    const jpeg = await image('jpeg');
    const response = await t.request('/v1/me/photo', {
      method: 'PUT',
      token: tenant.adminToken,
      headers: { 'content-type': 'image/jpeg' },
      body: jpeg.subarray(0, 200),
    });
    expect(response.status).toBe(400);
    expect((await json(response)).error).toMatchObject({ code: 'validation_failed' });
  });

  it('refuses a tampered or expired photo URL', async () => {
    const me = await json<{ photoUrl: string }>(
      await t.request('/v1/me', { token: tenant.adminToken }),
    );
    const tampered = me.photoUrl.replace(/signature=(.)/, (_, first: string) =>
      first === 'A' ? 'signature=B' : 'signature=A',
    );
    expect((await t.request(tampered)).status).toBe(403);
    const otherUser = me.photoUrl.replace(tenant.admin.id, tenant.member.id);
    expect((await t.request(otherUser)).status).toBe(403);
    const expired = me.photoUrl.replace(/expires=\d+/, 'expires=1000');
    expect((await t.request(expired)).status).toBe(403);
  });

  it('deletes the photo and its file', async () => {
    const me = await json<{ photoUrl: string }>(
      await t.request('/v1/me', { token: tenant.adminToken }),
    );
    const response = await t.request('/v1/me/photo', {
      method: 'DELETE',
      token: tenant.adminToken,
    });
    expect(response.status).toBe(200);
    expect((await json(response)).photoUrl).toBeNull();
    expect((await t.request(me.photoUrl)).status).toBe(404);
  });

  it('shows a teammate photo to users of the same account only', async () => {
    await t.request('/v1/me/photo', {
      method: 'PUT',
      token: tenant.adminToken,
      headers: { 'content-type': 'image/png' },
      body: await image('png'),
    });
    const seen = await json<{ photoUrl: string }>(
      await t.request(`/v1/users/${tenant.admin.id}`, { token: tenant.memberToken }),
    );
    expect(seen.photoUrl).toBeTruthy();
    expect((await t.request(seen.photoUrl)).status).toBe(200);
    const foreign = await t.request(`/v1/users/${tenant.admin.id}`, { token: other.memberToken });
    expect(foreign.status).toBe(404);
  });
});
