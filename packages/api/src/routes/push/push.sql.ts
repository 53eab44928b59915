import { createHash, randomBytes } from 'node:crypto';
import type { PushDevice } from '@baylink/sdk/contract';
import type { Sql, TransactionSql } from 'postgres';
import { pushServiceOrigin } from '../../services/delivery/push-endpoint.ts';
import type { PushTarget } from '../../services/delivery/push-sender.ts';
import type { DeviceLabel } from './device-label.ts';

type Db = Sql | TransactionSql;

/** A user keeps at most this many browsers; registering one more drops the longest unused. */
export const MAX_DEVICES_PER_USER = 20;

/** The service worker's credential: `bl_dt_` and 32 random bytes, stored as its SHA-256 only. */
export const newDeviceToken = () => `bl_dt_${randomBytes(32).toString('base64url')}`;
export const deviceTokenHash = (token: string) => createHash('sha256').update(token).digest();

interface SubscriptionRow {
  account_id: string;
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  browser: string | null;
  os: string | null;
  label: string;
  created_at: string;
  last_used_at: string | null;
}

const COLUMNS = (sql: Db) => sql`
  account_id, id, user_id, endpoint, p256dh, auth, browser, os, label, created_at, last_used_at`;

export function toDevice(row: SubscriptionRow): PushDevice {
  return {
    id: row.id,
    label: row.label,
    browser: row.browser,
    os: row.os,
    service: pushServiceOrigin(row.endpoint),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

export const toTarget = (row: SubscriptionRow): PushTarget => ({
  accountId: row.account_id,
  id: row.id,
  endpoint: row.endpoint,
  p256dh: row.p256dh,
  auth: row.auth,
});

/** A subscription as checked: keys re-encoded as unpadded base64url, the expiry as a time. */
export interface CheckedSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
  expiresAt: Date | null;
}

export interface Owner {
  accountId: string;
  userId: string;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

/**
 * Registers a browser subscription for the user and answers the row with a new device token.
 * The endpoint identifies the browser: the user's own row for it is updated (its id, and so its
 * queued deliveries, kept); a row of another user (of any account: a shared computer) is deleted
 * first, so nothing queued for that user reaches this one. Beyond MAX_DEVICES_PER_USER the
 * user's least recently used browsers are dropped.
 */
export async function registerSubscription(
  sql: Sql,
  owner: Owner,
  subscription: CheckedSubscription,
  device: DeviceLabel,
): Promise<{ row: SubscriptionRow; deviceToken: string }> {
  const deviceToken = newDeviceToken();
  const hash = deviceTokenHash(deviceToken);
  // Two first registrations of one endpoint at once: the loser of the unique index tries again
  // and finds the winner's row.
  for (let attempt = 1; ; attempt++) {
    try {
      const row = await sql.begin(async (tx) => {
        const [existing] = await tx<{ account_id: string; id: string; user_id: string }[]>`
          select account_id, id, user_id from push_subscriptions
          where endpoint = ${subscription.endpoint}
          for update`;
        if (
          existing &&
          existing.account_id === owner.accountId &&
          existing.user_id === owner.userId
        ) {
          const [updated] = await tx<SubscriptionRow[]>`
            update push_subscriptions set
              p256dh = ${subscription.p256dh}, auth = ${subscription.auth},
              expires_at = ${subscription.expiresAt}, browser = ${device.browser},
              os = ${device.os}, label = ${device.label}, device_token_hash = ${hash},
              updated_at = now()
            where account_id = ${existing.account_id} and id = ${existing.id}
            returning ${COLUMNS(tx)}`;
          return updated!;
        }
        if (existing) {
          await tx`
            delete from push_subscriptions
            where account_id = ${existing.account_id} and id = ${existing.id}`;
        }
        const [inserted] = await tx<SubscriptionRow[]>`
          insert into push_subscriptions (
            account_id, user_id, endpoint, p256dh, auth, expires_at, browser, os, label,
            device_token_hash
          ) values (
            ${owner.accountId}, ${owner.userId}, ${subscription.endpoint}, ${subscription.p256dh},
            ${subscription.auth}, ${subscription.expiresAt}, ${device.browser}, ${device.os},
            ${device.label}, ${hash}
          )
          returning ${COLUMNS(tx)}`;
        await tx`
          delete from push_subscriptions
          where account_id = ${owner.accountId} and user_id = ${owner.userId}
            and id in (
              select id from push_subscriptions
              where account_id = ${owner.accountId} and user_id = ${owner.userId}
                and id <> ${inserted!.id}
              order by coalesce(last_used_at, updated_at) desc, id
              offset ${MAX_DEVICES_PER_USER - 1}
            )`;
        return inserted!;
      });
      return { row, deviceToken };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

/** The user's browsers, newest first. */
export function listSubscriptions(sql: Db, owner: Owner) {
  return sql<SubscriptionRow[]>`
    select ${COLUMNS(sql)} from push_subscriptions
    where account_id = ${owner.accountId} and user_id = ${owner.userId}
    order by created_at desc, id`;
}

/** One of the user's browsers (none for another user's or another account's id). */
export async function findSubscription(sql: Db, owner: Owner, id: string) {
  const [row] = await sql<SubscriptionRow[]>`
    select ${COLUMNS(sql)} from push_subscriptions
    where account_id = ${owner.accountId} and user_id = ${owner.userId} and id = ${id}`;
  return row;
}

/** Revokes one of the user's browsers; false when the user has no such browser. */
export async function deleteSubscription(sql: Db, owner: Owner, id: string): Promise<boolean> {
  const rows = await sql`
    delete from push_subscriptions
    where account_id = ${owner.accountId} and user_id = ${owner.userId} and id = ${id}
    returning id`;
  return rows.length > 0;
}

/** The browser a device token belongs to, with the origins its integrator allows. */
export async function subscriptionByDeviceToken(sql: Db, token: string) {
  const [row] = await sql<(SubscriptionRow & { allowed_origins: string[] })[]>`
    select s.account_id, s.id, s.user_id, s.endpoint, s.p256dh, s.auth, s.browser, s.os, s.label,
      s.created_at, s.last_used_at, i.allowed_origins
    from push_subscriptions s
    join accounts a on a.id = s.account_id
    join integrators i on i.id = a.integrator_id
    where s.device_token_hash = ${deviceTokenHash(token)}`;
  return row;
}

/**
 * The browser's new subscription after `pushsubscriptionchange`: the device keeps its id, its
 * token and its queued deliveries; another row holding the new endpoint (the same browser
 * registered it again meanwhile) is dropped.
 */
export async function renewSubscription(
  sql: Sql,
  device: { accountId: string; id: string },
  subscription: CheckedSubscription,
): Promise<SubscriptionRow | undefined> {
  return sql.begin(async (tx) => {
    await tx`
      delete from push_subscriptions
      where endpoint = ${subscription.endpoint}
        and not (account_id = ${device.accountId} and id = ${device.id})`;
    const [row] = await tx<SubscriptionRow[]>`
      update push_subscriptions set
        endpoint = ${subscription.endpoint}, p256dh = ${subscription.p256dh},
        auth = ${subscription.auth}, expires_at = ${subscription.expiresAt}, updated_at = now()
      where account_id = ${device.accountId} and id = ${device.id}
      returning ${COLUMNS(tx)}`;
    return row;
  });
}
