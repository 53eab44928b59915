import type https from 'node:https';
import type { Sql } from 'postgres';
import type { Env } from '../../env.ts';
import type { AppDeps } from '../../lib/types.ts';
import type { EndpointPolicy } from './push-endpoint.ts';
import { createPushSender, type PushSender } from './push-sender.ts';
import { loadVapidKeys, type VapidKeys } from './vapid.ts';

/** Web push as the API uses it (`AppDeps.push`). */
export interface PushOptions extends EndpointPolicy {
  /** The VAPID keys; when absent, the stored pair (generated on first use) is used. */
  vapid?: VapidKeys;
  /** The HTTPS agent of test pushes (tests: one that trusts the fake push service's certificate). */
  agent?: https.Agent;
  /** How long a test push waits for the push service. Default 10 s. */
  timeoutMs?: number;
  /** The icon URL pushes name (null: the service worker's default). */
  icon?: string | null;
}

/** The push options of a process from its environment: keys (or the stored pair) and the allowlist. */
export async function pushOptionsFromEnv(
  sql: Sql,
  env: Pick<
    Env,
    | 'VAPID_PUBLIC_KEY'
    | 'VAPID_PRIVATE_KEY'
    | 'VAPID_SUBJECT'
    | 'PUSH_ALLOWED_HOSTS'
    | 'PUSH_ICON_URL'
  >,
): Promise<PushOptions> {
  const vapid = await loadVapidKeys(sql, {
    publicKey: env.VAPID_PUBLIC_KEY,
    privateKey: env.VAPID_PRIVATE_KEY,
    ...(env.VAPID_SUBJECT ? { subject: env.VAPID_SUBJECT } : {}),
  });
  return {
    vapid,
    icon: env.PUSH_ICON_URL ?? null,
    ...(env.PUSH_ALLOWED_HOSTS ? { allowedHosts: env.PUSH_ALLOWED_HOSTS } : {}),
  };
}

/** What the push routes of one app use. */
export interface AppPush {
  vapid: VapidKeys;
  /** The sender of test pushes (the worker has its own, built the same way). */
  sender: PushSender;
  policy: EndpointPolicy;
}

/** Which endpoints the app accepts (its allowlist, and loopback in tests). */
export const endpointPolicyOf = (deps: AppDeps): EndpointPolicy => ({
  allowedHosts: deps.push?.allowedHosts,
  allowLoopback: deps.push?.allowLoopback,
});

const runtimes = new WeakMap<AppDeps, Promise<AppPush>>();

/** The app's push keys and sender, made on first use (routes are module singletons). */
export function appPush(deps: AppDeps): Promise<AppPush> {
  let runtime = runtimes.get(deps);
  if (!runtime) {
    const options = deps.push ?? {};
    const policy = endpointPolicyOf(deps);
    runtime = (async () => {
      const vapid = options.vapid ?? (await loadVapidKeys(deps.sql));
      const sender = createPushSender({
        sql: deps.sql,
        vapid,
        endpointPolicy: policy,
        ...(options.agent ? { agent: options.agent } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        icon: options.icon ?? null,
      });
      return { vapid, sender, policy };
    })();
    // A failure (the database was down) is not kept: the next request tries again.
    runtime.catch(() => runtimes.delete(deps));
    runtimes.set(deps, runtime);
  }
  return runtime;
}
