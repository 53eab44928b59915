import { createECDH } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, bytesToBase64Url, sameKey } from '../src/client/push/base64url.ts';
import {
  detectPushSupport,
  isAppleMobile,
  type PushEnvironment,
  readPushEnvironment,
} from '../src/client/push/browser-support.ts';
import { readPushPayload } from '../src/client/push/worker.ts';

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const CHROME_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1';
// An iPad asking for desktop sites (the default since iPadOS 13) says it is a Mac.
const SAFARI_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

const desktop: PushEnvironment = {
  secureContext: true,
  serviceWorker: true,
  pushManager: true,
  notification: true,
  userAgent: CHROME_WINDOWS,
  maxTouchPoints: 0,
  standalone: false,
  crossOriginFrame: false,
};

describe('detectPushSupport', () => {
  it('supports a top-level secure page of a browser with the push APIs', () => {
    expect(detectPushSupport(desktop)).toEqual({ supported: true, reason: null });
    expect(detectPushSupport({ ...desktop, userAgent: SAFARI_MAC })).toEqual({
      supported: true,
      reason: null,
    });
  });

  it('names each reason a page cannot subscribe', () => {
    expect(detectPushSupport({ ...desktop, secureContext: false }).reason).toBe('insecure-context');
    expect(detectPushSupport({ ...desktop, crossOriginFrame: true }).reason).toBe(
      'cross-origin-frame',
    );
    expect(detectPushSupport({ ...desktop, serviceWorker: false }).reason).toBe('no-push-api');
    expect(detectPushSupport({ ...desktop, pushManager: false }).reason).toBe('no-push-api');
    expect(detectPushSupport({ ...desktop, notification: false }).reason).toBe('no-push-api');
  });

  it('sends iPhone and iPad users to the Home Screen, whatever the browser', () => {
    // iOS Safari outside a Home Screen web app exposes no PushManager: the Home Screen is the fix.
    const iphone = { ...desktop, userAgent: SAFARI_IPHONE, maxTouchPoints: 5, pushManager: false };
    expect(detectPushSupport(iphone)).toEqual({
      supported: false,
      reason: 'ios-needs-home-screen',
    });
    expect(detectPushSupport({ ...iphone, userAgent: CHROME_IPHONE }).reason).toBe(
      'ios-needs-home-screen',
    );
    const ipad = { ...desktop, userAgent: SAFARI_MAC, maxTouchPoints: 5, pushManager: false };
    expect(detectPushSupport(ipad).reason).toBe('ios-needs-home-screen');
    // From the Home Screen (iOS 16.4 and later) it works; before 16.4 the API is missing.
    expect(detectPushSupport({ ...iphone, standalone: true, pushManager: true })).toEqual({
      supported: true,
      reason: null,
    });
    expect(detectPushSupport({ ...iphone, standalone: true }).reason).toBe('no-push-api');
  });

  it('puts the reasons a person can act on first', () => {
    const everythingWrong: PushEnvironment = {
      ...desktop,
      secureContext: false,
      crossOriginFrame: true,
      userAgent: SAFARI_IPHONE,
      pushManager: false,
    };
    expect(detectPushSupport(everythingWrong).reason).toBe('insecure-context');
    expect(detectPushSupport({ ...everythingWrong, secureContext: true }).reason).toBe(
      'cross-origin-frame',
    );
  });

  it('tells an iPad in desktop mode from a Mac by its touch points', () => {
    expect(isAppleMobile(SAFARI_MAC, 0)).toBe(false);
    expect(isAppleMobile(SAFARI_MAC, 5)).toBe(true);
    expect(isAppleMobile(SAFARI_IPHONE, 5)).toBe(true);
    expect(isAppleMobile(CHROME_WINDOWS, 10)).toBe(false);
  });

  it('reads an environment without a window as unsupported', () => {
    expect(detectPushSupport(readPushEnvironment()).supported).toBe(false);
  });
});

describe('base64url keys', () => {
  it('round-trips a P-256 public key and compares keys by their bytes', () => {
    const ecdh = createECDH('prime256v1');
    const key = ecdh.generateKeys();
    const encoded = key.toString('base64url');
    expect(bytesToBase64Url(base64UrlToBytes(encoded))).toBe(encoded);
    expect([...base64UrlToBytes(encoded)]).toEqual([...key]);
    expect(base64UrlToBytes(`${encoded}=`)).toEqual(base64UrlToBytes(encoded));
    expect(sameKey(encoded, key.buffer.slice(key.byteOffset, key.byteOffset + key.length))).toBe(
      true,
    );
    expect(sameKey(encoded, new Uint8Array(key))).toBe(true);
    const other = createECDH('prime256v1').generateKeys().toString('base64url');
    expect(sameKey(encoded, other)).toBe(false);
    expect(sameKey(encoded, null)).toBe(false);
  });
});

describe('readPushPayload', () => {
  const payload = {
    v: 1,
    id: '0b6f3c1e-2a44-4f7e-9d59-3f1f3c8f9a10',
    type: 'conversations.mention',
    title: 'Tom mentioned you',
    body: null,
    tag: 'baylink:conversations.mention:42',
    link: 'https://dms.example.com/ro/42',
    icon: null,
    api: 'https://api.example.com',
    createdAt: '2026-05-01T12:00:00.000Z',
  };

  it('reads a payload from its JSON text or its parsed object', () => {
    expect(readPushPayload(JSON.stringify(payload))).toEqual(payload);
    expect(readPushPayload(payload)).toEqual(payload);
    expect(readPushPayload({ ...payload, extra: 'ignored' })).toEqual(payload);
  });

  it('refuses what is not a version 1 payload', () => {
    expect(readPushPayload('not json')).toBeNull();
    expect(readPushPayload('null')).toBeNull();
    expect(readPushPayload(42)).toBeNull();
    expect(readPushPayload({ ...payload, v: 2 })).toBeNull();
    expect(readPushPayload({ ...payload, title: '' })).toBeNull();
    expect(readPushPayload({ ...payload, tag: undefined })).toBeNull();
    expect(readPushPayload({ ...payload, api: 7 })).toBeNull();
    expect(readPushPayload({ ...payload, link: 7 })).toBeNull();
    expect(readPushPayload({ ...payload, id: {} })).toBeNull();
  });
});

describe('@baylink/sdk/push-worker', () => {
  it('bundles for a service worker without zod, jose or the rest of the client', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../src/client/push/worker.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.endsWith('src/client/push/device-store.ts'))).toBe(true);
    expect(inputs.filter((input) => /node_modules\/(zod|jose)\//.test(input))).toEqual([]);
    expect(inputs.filter((input) => /transport\.ts|realtime\//.test(input))).toEqual([]);
  });
});
