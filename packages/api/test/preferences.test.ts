import {
  CATALOG,
  CATALOG_TYPES,
  CHANNELS,
  type PreferenceOverrides,
  Preferences,
} from '@baylink/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelRule, effective } from '../src/services/preferences.ts';
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

const REQUIRED_TYPE = [...CATALOG_TYPES.values()].find((type) => type.required.includes('in_app'))!;
const EMAIL_ONLY_TYPE = [...CATALOG_TYPES.values()].find(
  (type) => !type.channels.includes('web_push'),
)!;

async function get(token: string) {
  const response = await t.request('/v1/me/preferences', { token });
  expect(response.status).toBe(200);
  return Preferences.parse(await json(response));
}

async function patch(token: string, body: unknown) {
  return t.request('/v1/me/preferences', { method: 'PATCH', token, json: body });
}

async function patchOk(token: string, body: unknown) {
  const response = await patch(token, body);
  expect(response.status).toBe(200);
  return Preferences.parse(await json(response));
}

describe('GET /v1/me/preferences', () => {
  it('answers the catalog defaults for a user who never changed anything', async () => {
    const preferences = await get(tenant.adminToken);
    expect(preferences.overrides).toEqual({ channels: {}, categories: {}, types: {} });
    expect(preferences.updatedAt).toBeNull();
    expect(Object.keys(preferences.effective)).toHaveLength(CATALOG_TYPES.size);
    for (const type of CATALOG_TYPES.values()) {
      for (const channel of CHANNELS) {
        const expected = type.channels.includes(channel) && type.defaults[channel];
        expect(preferences.effective[type.key]![channel], `${type.key} ${channel}`).toBe(
          expected || type.required.includes(channel),
        );
      }
    }
  });

  it('answers 401 without a token', async () => {
    expect((await t.request('/v1/me/preferences')).status).toBe(401);
  });
});

describe('PATCH /v1/me/preferences', () => {
  it('turns a channel off everywhere, except where the channel is required', async () => {
    const user = await t.token(tenant, tenant.member.id);
    const preferences = await patchOk(user, {
      changes: [{ scope: 'channel', channel: 'in_app', enabled: false }],
    });
    expect(preferences.overrides.channels).toEqual({ in_app: false });
    expect(preferences.updatedAt).not.toBeNull();
    expect(preferences.effective['conversations.new_message']!.in_app).toBe(false);
    expect(preferences.effective[REQUIRED_TYPE.key]!.in_app).toBe(true);
    const cleared = await patchOk(user, {
      changes: [{ scope: 'channel', channel: 'in_app', enabled: null }],
    });
    expect(cleared.overrides.channels).toEqual({});
    expect(cleared.effective['conversations.new_message']!.in_app).toBe(true);
  });

  it('lets a type override win over its category, and a category change clear its types', async () => {
    const token = tenant.adminToken;
    await patchOk(token, { reset: true });
    let preferences = await patchOk(token, {
      changes: [
        { scope: 'category', key: 'conversations', channel: 'email', enabled: true },
        { scope: 'type', key: 'conversations.new_note', channel: 'email', enabled: false },
      ],
    });
    expect(preferences.effective['conversations.new_message']!.email).toBe(true);
    expect(preferences.effective['conversations.new_note']!.email).toBe(false);
    expect(preferences.overrides.types['conversations.new_note']).toEqual({ email: false });

    // Setting the category again is a row switch: it clears the type's override for email.
    preferences = await patchOk(token, {
      changes: [{ scope: 'category', key: 'conversations', channel: 'email', enabled: true }],
    });
    expect(preferences.overrides.types['conversations.new_note']).toBeUndefined();
    expect(preferences.effective['conversations.new_note']!.email).toBe(true);

    // A category change for every channel at once.
    preferences = await patchOk(token, {
      changes: [{ scope: 'category', key: 'conversations', enabled: false }],
    });
    expect(preferences.overrides.categories.conversations).toEqual({
      in_app: false,
      web_push: false,
      email: false,
      mobile: false,
    });
    expect(preferences.effective['conversations.new_message']).toEqual({
      in_app: false,
      web_push: false,
      email: false,
      mobile: false,
    });

    // null removes the override: back to the catalog default.
    preferences = await patchOk(token, {
      changes: [{ scope: 'category', key: 'conversations', enabled: null }],
    });
    expect(preferences.overrides.categories).toEqual({});
    expect(preferences.effective['conversations.new_message']!.in_app).toBe(true);
  });

  it('switches a whole type but leaves its required channels on', async () => {
    const token = tenant.adminToken;
    await patchOk(token, { reset: true });
    const preferences = await patchOk(token, {
      changes: [{ scope: 'type', key: REQUIRED_TYPE.key, enabled: false }],
    });
    expect(preferences.effective[REQUIRED_TYPE.key]!.in_app).toBe(true);
    expect(preferences.overrides.types[REQUIRED_TYPE.key]?.in_app).toBeUndefined();
    for (const channel of REQUIRED_TYPE.channels.filter((c) => c !== 'in_app')) {
      expect(preferences.effective[REQUIRED_TYPE.key]![channel]).toBe(false);
    }
  });

  it('answers 400 naming a change that turns a required channel off, and keeps what was there', async () => {
    const token = tenant.adminToken;
    await patchOk(token, { changes: [{ scope: 'channel', channel: 'mobile', enabled: false }] });
    const before = await get(token);
    const response = await patch(token, {
      changes: [
        { scope: 'channel', channel: 'email', enabled: false },
        { scope: 'type', key: REQUIRED_TYPE.key, channel: 'in_app', enabled: false },
      ],
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(pathsOf(error)).toEqual(['changes.1.channel']);
    expect(error.details?.[0]?.message).toContain('required');
    expect(await get(token)).toEqual(before);
  });

  it('answers 400 for a channel the type cannot use, an unknown type or category', async () => {
    const token = tenant.adminToken;
    const unsupported = await patch(token, {
      changes: [{ scope: 'type', key: EMAIL_ONLY_TYPE.key, channel: 'web_push', enabled: true }],
    });
    expect(unsupported.status).toBe(400);
    expect(pathsOf(await errorOf(unsupported))).toEqual(['changes.0.channel']);
    const unknownType = await patch(token, {
      changes: [{ scope: 'type', key: 'nope.nothing', enabled: true }],
    });
    expect(unknownType.status).toBe(400);
    expect(pathsOf(await errorOf(unknownType))).toEqual(['changes.0.key']);
    const unknownCategory = await patch(token, {
      changes: [{ scope: 'category', key: 'nope', enabled: true }],
    });
    expect(unknownCategory.status).toBe(400);
    const extra = await patch(token, { changes: [], color: 'red' });
    expect(extra.status).toBe(400);
  });

  it('resets everything to the defaults', async () => {
    const token = tenant.adminToken;
    await patchOk(token, { changes: [{ scope: 'channel', channel: 'email', enabled: false }] });
    const preferences = await patchOk(token, { reset: true });
    expect(preferences.overrides).toEqual({ channels: {}, categories: {}, types: {} });
  });

  it('keeps every change when many tabs write at once', async () => {
    const token = await t.token(tenant, tenant.member.id);
    await patchOk(token, { reset: true });
    const types = [...CATALOG_TYPES.values()]
      .filter((type) => type.channels.includes('email') && !type.required.includes('email'))
      .slice(0, 16);
    const responses = await Promise.all(
      types.map((type, index) =>
        patch(token, {
          changes: [{ scope: 'type', key: type.key, channel: 'email', enabled: index % 2 === 0 }],
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(types.map(() => 200));
    const preferences = await get(token);
    expect(Object.keys(preferences.overrides.types).sort()).toEqual(types.map((x) => x.key).sort());
    types.forEach((type, index) => {
      expect(preferences.overrides.types[type.key]).toEqual({ email: index % 2 === 0 });
    });
  });

  it("never shows or changes another user's or another account's preferences", async () => {
    await patchOk(tenant.adminToken, {
      changes: [{ scope: 'channel', channel: 'web_push', enabled: false }],
    });
    await patchOk(other.adminToken, { reset: true });
    expect((await get(other.adminToken)).overrides.channels).toEqual({});
    expect((await get(other.memberToken)).overrides.channels).toEqual({});
    expect((await get(tenant.adminToken)).overrides.channels).toMatchObject({ web_push: false });
  });
});

describe('the preference rule in TypeScript and in SQL', () => {
  const cases: Record<string, PreferenceOverrides | null> = {
    'no row': null,
    'empty overrides': { channels: {}, categories: {}, types: {} },
    'every channel off': {
      channels: { in_app: false, web_push: false, email: false, mobile: false },
      categories: {},
      types: {},
    },
    'every channel switched on': {
      channels: { in_app: true, web_push: true, email: true, mobile: true },
      categories: {},
      types: {},
    },
    'categories on, types off': {
      channels: {},
      categories: Object.fromEntries(
        CATALOG.map((c) => [c.key, { in_app: true, web_push: true, email: true, mobile: true }]),
      ),
      types: Object.fromEntries(
        [...CATALOG_TYPES.keys()].map((k) => [k, { in_app: false, email: false }]),
      ),
    },
    'categories off, some types on, email switch off': {
      channels: { email: false },
      categories: Object.fromEntries(
        CATALOG.map((c) => [
          c.key,
          { in_app: false, web_push: false, email: false, mobile: false },
        ]),
      ),
      types: Object.fromEntries(
        [...CATALOG_TYPES.keys()]
          .filter((_, index) => index % 2 === 0)
          .map((k) => [k, { web_push: true, email: true, mobile: true }]),
      ),
    },
    'a type turns on channels it cannot use': {
      channels: {},
      categories: {},
      types: Object.fromEntries(
        [...CATALOG_TYPES.keys()].map((k) => [
          k,
          { in_app: false, web_push: true, email: true, mobile: true },
        ]),
      ),
    },
  };

  it('agree on every catalog type × channel for every case', async () => {
    const rows: { c: string; type: string; channel: string; ts: boolean }[] = [];
    const args = {
      overrides: [] as (string | null)[],
      type: [] as string[],
      category: [] as string[],
      channel: [] as string[],
      def: [] as boolean[],
      supported: [] as boolean[],
      required: [] as boolean[],
    };
    for (const [name, overrides] of Object.entries(cases)) {
      for (const type of CATALOG_TYPES.values()) {
        for (const channel of CHANNELS) {
          const rule = channelRule(type, channel);
          rows.push({ c: name, type: type.key, channel, ts: effective(overrides, type, channel) });
          args.overrides.push(overrides === null ? null : JSON.stringify(overrides));
          args.type.push(type.key);
          args.category.push(type.category);
          args.channel.push(channel);
          args.def.push(rule.defaultEnabled);
          args.supported.push(rule.supported);
          args.required.push(rule.required);
        }
      }
    }
    const result = await t.sql<{ enabled: boolean }[]>`
      select baylink_channel_enabled(o::jsonb, ty, ca, ch, d, s, r) as enabled
      from unnest(
        ${args.overrides}::text[], ${args.type}::text[], ${args.category}::text[],
        ${args.channel}::text[], ${args.def.map(String)}::text[]::boolean[],
        ${args.supported.map(String)}::text[]::boolean[], ${args.required.map(String)}::text[]::boolean[]
      ) with ordinality as x(o, ty, ca, ch, d, s, r, i)
      order by i`;
    expect(result).toHaveLength(rows.length);
    const disagreements = rows.filter((row, index) => result[index]!.enabled !== row.ts);
    expect(disagreements).toEqual([]);
    // The cases are not trivial: both values occur in each.
    for (const name of Object.keys(cases)) {
      const values = new Set(rows.filter((row) => row.c === name).map((row) => row.ts));
      expect(values.size, name).toBe(2);
    }
  });
});
