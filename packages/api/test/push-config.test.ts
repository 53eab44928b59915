import { createECDH } from 'node:crypto';
import type { PushConfig, PushPayload } from '@baylink/sdk/contract';
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { ConfigError, loadEnv } from '../src/env.ts';
import { createApp } from '../src/lib/create-app.ts';
import { pushEndpointProblem } from '../src/services/delivery/push-endpoint.ts';
import { pushOptionsFromEnv } from '../src/services/delivery/push-options.ts';
import {
  fitPayload,
  PUSH_PAYLOAD_MAX_BYTES,
  pushTag,
  pushUrgency,
} from '../src/services/delivery/push-payload.ts';
import { DEFAULT_VAPID_SUBJECT, loadVapidKeys } from '../src/services/delivery/vapid.ts';
import { errorOf } from './support/errors.ts';
import { createTestContext, json } from './support/test-app.ts';

// Web push configuration: the VAPID keys (environment or stored, shared by every process), the
// environment's push settings, the endpoint allowlist, and the payload's size, tag and urgency.

describe('the VAPID keys', () => {
  it('are generated once and stored: concurrent first starts and later ones all get the same pair', async () => {
    const context = await createTestContext();
    try {
      const pairs = await Promise.all(Array.from({ length: 5 }, () => loadVapidKeys(context.sql)));
      expect(new Set(pairs.map((pair) => pair.publicKey)).size).toBe(1);
      expect(pairs[0]).toMatchObject({ subject: DEFAULT_VAPID_SUBJECT });
      const later = await loadVapidKeys(context.sql, { subject: 'https://dealer.example/contact' });
      expect(later).toEqual({ ...pairs[0], subject: 'https://dealer.example/contact' });
      const [row] = await context.sql<{ value: string }[]>`
        select value from server_secrets where name = 'vapid'`;
      expect(JSON.parse(row!.value)).toEqual({
        publicKey: pairs[0]!.publicKey,
        privateKey: pairs[0]!.privateKey,
      });
      // A usable pair: the public key is the private key's.
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(Buffer.from(pairs[0]!.privateKey, 'base64url'));
      expect(ecdh.getPublicKey('base64url')).toBe(pairs[0]!.publicKey);
      // The app serves the stored key when it is given none.
      const app = createApp({ ...context.deps });
      const config = await json<PushConfig>(await app.request('/v1/push/config'));
      expect(config.publicKey).toBe(pairs[0]!.publicKey);
    } finally {
      await context.close();
    }
  });

  it('come from the environment when given (nothing stored), and must match', async () => {
    const context = await createTestContext();
    try {
      const given = webpush.generateVAPIDKeys();
      expect(await loadVapidKeys(context.sql, given)).toEqual({
        ...given,
        subject: DEFAULT_VAPID_SUBJECT,
      });
      const [row] = await context.sql`select 1 from server_secrets where name = 'vapid'`;
      expect(row).toBeUndefined();
      const stranger = webpush.generateVAPIDKeys();
      await expect(
        loadVapidKeys(context.sql, { publicKey: given.publicKey, privateKey: stranger.privateKey }),
      ).rejects.toThrow(/does not belong to the private key/);
      await expect(loadVapidKeys(context.sql, { publicKey: given.publicKey })).rejects.toThrow(
        /both VAPID keys/,
      );
      await expect(loadVapidKeys(context.sql, { subject: 'admin@example.com' })).rejects.toThrow(
        /mailto: address or an https: URL/,
      );
    } finally {
      await context.close();
    }
  });
});

describe('the environment', () => {
  const keys = webpush.generateVAPIDKeys();
  const problems = (env: NodeJS.ProcessEnv) => {
    try {
      loadEnv(env);
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems;
    }
  };

  it('reads the VAPID keys, the subject and the allowed push service hosts', () => {
    const env = loadEnv({
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
      VAPID_SUBJECT: 'mailto:ops@dealer.example',
      PUSH_ALLOWED_HOSTS: ' push.example.com, FCM.googleapis.com ,',
    });
    expect(env).toMatchObject({
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
      VAPID_SUBJECT: 'mailto:ops@dealer.example',
      PUSH_ALLOWED_HOSTS: ['push.example.com', 'fcm.googleapis.com'],
    });
    expect(loadEnv({}).PUSH_ALLOWED_HOSTS).toBeUndefined();
  });

  it('names every bad push setting', () => {
    expect(problems({ VAPID_PUBLIC_KEY: keys.publicKey })).toEqual([
      'VAPID_PRIVATE_KEY: set both VAPID keys or neither',
    ]);
    expect(
      problems({
        VAPID_PUBLIC_KEY: 'short',
        VAPID_PRIVATE_KEY: keys.privateKey,
        VAPID_SUBJECT: 'admin@example.com',
        PUSH_ALLOWED_HOSTS: 'push.example.com,https://evil.example/',
      }).map((problem) => problem.split(':')[0]),
    ).toEqual(['VAPID_PUBLIC_KEY', 'VAPID_SUBJECT', 'PUSH_ALLOWED_HOSTS.1']);
  });

  it('becomes the app’s push options: its allowlist decides which endpoints register', async () => {
    const context = await createTestContext();
    try {
      const options = await pushOptionsFromEnv(
        context.sql,
        loadEnv({
          PUSH_ALLOWED_HOSTS: 'push.example.com',
          PUSH_ICON_URL: 'https://dealer.example.com/icon-192.png',
        }),
      );
      expect(options.allowedHosts).toEqual(['push.example.com']);
      expect(options.icon).toBe('https://dealer.example.com/icon-192.png');
      expect((await pushOptionsFromEnv(context.sql, loadEnv({}))).icon).toBeNull();
      context.deps.push = options;
      const owner = await context.tenant();
      const keys = { p256dh: createECDH('prime256v1'), auth: 'AAAAAAAAAAAAAAAAAAAAAA' };
      keys.p256dh.generateKeys();
      const subscription = (endpoint: string) => ({
        endpoint,
        keys: { p256dh: keys.p256dh.getPublicKey('base64url'), auth: keys.auth },
      });
      const app = createApp(context.deps);
      const register = (endpoint: string) =>
        app.request('/v1/me/push-subscriptions', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${owner.memberToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ subscription: subscription(endpoint) }),
        });
      expect((await register('https://eu.push.example.com/s/1')).status).toBe(201);
      const refused = await register('https://fcm.googleapis.com/fcm/send/1');
      expect(refused.status).toBe(400);
      expect((await errorOf(refused)).details?.[0]?.message).toMatch(/push\.example\.com/);
    } finally {
      await context.close();
    }
  });
});

describe('the endpoint check', () => {
  it('accepts loopback only when allowed, on any port, and never private addresses', () => {
    expect(pushEndpointProblem('https://127.0.0.1:4443/push/1')).toMatch(/loopback/);
    expect(
      pushEndpointProblem('https://127.0.0.1:4443/push/1', { allowLoopback: true }),
    ).toBeNull();
    expect(pushEndpointProblem('https://[::1]:4443/push/1', { allowLoopback: true })).toBeNull();
    expect(pushEndpointProblem('https://127.1/push/1', { allowLoopback: false })).toMatch(
      /loopback/,
    );
    expect(pushEndpointProblem('https://10.0.0.1/push/1', { allowLoopback: true })).toMatch(
      /private/,
    );
    expect(pushEndpointProblem('https://localhost/push/1', { allowLoopback: true })).toMatch(
      /known push service/,
    );
    expect(pushEndpointProblem('https://0.0.0.0/push/1')).toMatch(/special/);
    expect(pushEndpointProblem('not a url')).toBe('Must be a URL');
    expect(pushEndpointProblem('https://fcm.googleapis.com/fcm/send/abc')).toBeNull();
  });
});

describe('the payload', () => {
  const base: PushPayload = {
    v: 1,
    id: '00000000-0000-4000-8000-000000000000',
    type: 'conversations.new_message',
    title: 'A title',
    body: 'A body',
    tag: 'baylink:conversations.new_message:conv-1',
    link: 'https://portal.example.com/c/1',
    icon: null,
    api: 'https://api.example.com',
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  const size = (payload: PushPayload) => Buffer.byteLength(JSON.stringify(payload));

  it('is left alone when small', () => {
    expect(fitPayload(base)).toEqual(base);
  });

  it('stays under the limit with texts that weigh the most per character, cutting whole characters', () => {
    const heavy = fitPayload({
      ...base,
      title: '😀'.repeat(2000),
      body: '\u0001'.repeat(2000),
      link: `https://portal.example.com/?${'q'.repeat(1900)}`,
    });
    expect(size(heavy)).toBeLessThanOrEqual(PUSH_PAYLOAD_MAX_BYTES);
    // No half emoji (a lone surrogate would not survive UTF-8).
    expect(heavy.title).toMatch(/^(😀)+…$/u);
    expect(heavy.link).not.toBeNull();
  });

  it('leaves the link out only when nothing else is left to cut', () => {
    const huge = fitPayload({
      ...base,
      title: 'T'.repeat(300),
      api: `https://api.example.com/${'a'.repeat(400)}`,
      link: `https://portal.example.com/?${'q'.repeat(2100)}`,
    });
    expect(size(huge)).toBeLessThanOrEqual(PUSH_PAYLOAD_MAX_BYTES);
    expect(huge.link).toBeNull();
    expect(huge.body).toBeNull();
  });

  it('tags by type and item, hashing long item ids', () => {
    expect(pushTag('reviews.assigned', { threadId: 7 }, 'n-1')).toBe('baylink:reviews.assigned:7');
    expect(pushTag('reviews.assigned', { conversationId: '' }, 'n-1')).toBe(
      'baylink:reviews.assigned:n-1',
    );
    const long = pushTag('collaboration.new_message', { spaceId: 'x'.repeat(500) }, 'n-1');
    expect(long).toMatch(/^baylink:collaboration\.new_message:[A-Za-z0-9_-]{22}$/);
    expect(pushTag('collaboration.new_message', { spaceId: 'x'.repeat(500) }, 'n-2')).toBe(long);
  });

  it('is urgent for mentions and assignments, as the catalog says', () => {
    expect(pushUrgency('conversations.mention')).toBe('high');
    expect(pushUrgency('conversations.assigned')).toBe('high');
    expect(pushUrgency('collaboration.assigned_space')).toBe('high');
    expect(pushUrgency('reviews.new_review')).toBe('normal');
    expect(pushUrgency('not.in_the_catalog')).toBe('normal');
  });
});
