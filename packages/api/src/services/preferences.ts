import {
  CATALOG,
  CATALOG_TYPES,
  type CatalogType,
  CHANNELS,
  type Channel,
  type ErrorDetail,
  type PreferenceChange,
  type PreferenceOverrides,
  type Preferences,
} from '@baylink/sdk/contract';
import type { Sql, TransactionSql } from 'postgres';
import { ApiError } from '../lib/errors.ts';

// The preference rule in one place. Fan-out evaluates the same rule in SQL
// (`baylink_channel_enabled` in migrations/0003_notification_functions.sql); a test checks that
// both agree on every catalog type × channel.

type Flags = Partial<Record<Channel, boolean>>;

export const emptyOverrides = (): PreferenceOverrides => ({
  channels: {},
  categories: {},
  types: {},
});

const isChannel = (key: string): key is Channel => (CHANNELS as readonly string[]).includes(key);

function cleanFlags(value: unknown): Flags {
  const flags: Flags = {};
  if (value && typeof value === 'object') {
    for (const [key, enabled] of Object.entries(value)) {
      if (isChannel(key) && typeof enabled === 'boolean') flags[key] = enabled;
    }
  }
  return flags;
}

function cleanScope(value: unknown): Record<string, Flags> {
  const scope: Record<string, Flags> = {};
  if (value && typeof value === 'object') {
    for (const [key, flags] of Object.entries(value)) {
      const clean = cleanFlags(flags);
      if (Object.keys(clean).length > 0) scope[key] = clean;
    }
  }
  return scope;
}

/** Overrides as stored (jsonb), reduced to the known shape. */
export function normalizeOverrides(raw: unknown): PreferenceOverrides {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    channels: cleanFlags(value.channels),
    categories: cleanScope(value.categories),
    types: cleanScope(value.types),
  };
}

/**
 * Whether `channel` is on for `type` once `overrides` are applied: off when the type cannot use
 * the channel; on when it is required; off when the channel switch is off; else the type's
 * override, else the category's, else the catalog default.
 */
export function effective(
  overrides: PreferenceOverrides | null,
  type: CatalogType | string,
  channel: Channel,
): boolean {
  const entry = typeof type === 'string' ? CATALOG_TYPES.get(type) : type;
  if (!entry) throw new RangeError(`Unknown notification type ${String(type)}`);
  if (!entry.channels.includes(channel)) return false;
  if (entry.required.includes(channel)) return true;
  if (overrides?.channels[channel] === false) return false;
  return (
    overrides?.types[entry.key]?.[channel] ??
    overrides?.categories[entry.category]?.[channel] ??
    entry.defaults[channel]
  );
}

/** Every catalog type's channels once the overrides are applied. */
export function effectiveAll(overrides: PreferenceOverrides): Preferences['effective'] {
  const result: Preferences['effective'] = {};
  for (const category of CATALOG) {
    for (const type of category.types) {
      result[type.key] = {
        in_app: effective(overrides, type, 'in_app'),
        web_push: effective(overrides, type, 'web_push'),
        email: effective(overrides, type, 'email'),
        mobile: effective(overrides, type, 'mobile'),
      };
    }
  }
  return result;
}

/** The arguments `baylink_channel_enabled` takes for one type and channel, besides overrides. */
export function channelRule(type: CatalogType, channel: Channel) {
  return {
    defaultEnabled: type.defaults[channel],
    supported: type.channels.includes(channel),
    required: type.required.includes(channel),
  };
}

function setFlag(
  scope: Record<string, Flags>,
  key: string,
  channel: Channel,
  value: boolean | null,
) {
  const flags = { ...scope[key] };
  if (value === null) delete flags[channel];
  else flags[channel] = value;
  if (Object.keys(flags).length > 0) scope[key] = flags;
  else delete scope[key];
}

/**
 * Applies changes in order and answers the new overrides. A change that tries to switch off a
 * channel required for its type, or to switch on a channel the type cannot use, answers 400
 * naming it (`changes.3.channel`). A type-wide change (no channel) touches only the channels the
 * type can switch; a category change also clears its types' overrides for the same channels.
 */
export function applyChanges(
  current: PreferenceOverrides,
  changes: readonly PreferenceChange[],
): PreferenceOverrides {
  const next: PreferenceOverrides = {
    channels: { ...current.channels },
    categories: { ...current.categories },
    types: { ...current.types },
  };
  const details: ErrorDetail[] = [];
  changes.forEach((change, index) => {
    if (change.scope === 'channel') {
      if (change.enabled === null) delete next.channels[change.channel];
      else next.channels[change.channel] = change.enabled;
      return;
    }
    if (change.scope === 'category') {
      const channels = change.channel ? [change.channel] : [...CHANNELS];
      const category = CATALOG.find((entry) => entry.key === change.key);
      for (const channel of channels) {
        setFlag(next.categories, change.key, channel, change.enabled);
        for (const type of category?.types ?? []) setFlag(next.types, type.key, channel, null);
      }
      return;
    }
    const type = CATALOG_TYPES.get(change.key);
    if (!type) return;
    if (change.channel) {
      const path = `changes.${index}.channel`;
      if (change.enabled === false && type.required.includes(change.channel)) {
        details.push({ path, message: `${change.channel} is required for ${type.key}` });
        return;
      }
      if (change.enabled === true && !type.channels.includes(change.channel)) {
        details.push({ path, message: `${type.key} cannot use ${change.channel}` });
        return;
      }
      setFlag(next.types, type.key, change.channel, change.enabled);
      return;
    }
    for (const channel of change.enabled === null ? CHANNELS : type.channels) {
      if (change.enabled !== null && type.required.includes(channel)) continue;
      setFlag(next.types, type.key, channel, change.enabled);
    }
  });
  if (details.length > 0) {
    throw new ApiError(
      400,
      'validation_failed',
      `Invalid input: ${details.map((detail) => detail.path).join(', ')}`,
      details,
    );
  }
  return next;
}

interface PreferenceRow {
  overrides: unknown;
  updated_at: string;
}

function toPreferences(row: PreferenceRow | undefined): Preferences {
  const overrides = normalizeOverrides(row?.overrides);
  return {
    overrides,
    effective: effectiveAll(overrides),
    updatedAt: row?.updated_at ?? null,
  };
}

/** A user's preferences (defaults when they never changed any). */
export async function readPreferences(
  sql: Sql | TransactionSql,
  accountId: string,
  userId: string,
): Promise<Preferences> {
  const [row] = await sql<PreferenceRow[]>`
    select overrides, updated_at from notification_preferences
    where account_id = ${accountId} and user_id = ${userId}`;
  return toPreferences(row);
}

/**
 * Applies changes (after an optional reset) under the row's lock, so two tabs changing
 * preferences at once both keep their change.
 */
export async function updatePreferences(
  sql: Sql,
  accountId: string,
  userId: string,
  update: { changes: readonly PreferenceChange[]; reset?: boolean | undefined },
): Promise<Preferences> {
  return sql.begin(async (tx) => {
    await tx`
      insert into notification_preferences (account_id, user_id) values (${accountId}, ${userId})
      on conflict do nothing`;
    const [locked] = await tx<PreferenceRow[]>`
      select overrides, updated_at from notification_preferences
      where account_id = ${accountId} and user_id = ${userId}
      for update`;
    const base = update.reset ? emptyOverrides() : normalizeOverrides(locked?.overrides);
    const next = applyChanges(base, update.changes);
    const [row] = await tx<PreferenceRow[]>`
      update notification_preferences
      set overrides = ${tx.json(next as never)}, updated_at = now()
      where account_id = ${accountId} and user_id = ${userId}
      returning overrides, updated_at`;
    return toPreferences(row);
  });
}
