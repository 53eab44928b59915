// The preference rules of the contract, applied locally so an optimistic update shows at once.
// They read the catalog the API serves (types, their channels, required channels, defaults),
// not a copy bundled in the SDK, so a page never disagrees with a newer API; the API stays the
// authority and its answer replaces what these functions computed.
import type {
  Catalog,
  Channel,
  PreferenceChange,
  PreferenceOverrides,
  Preferences,
} from '../../contract/notifications.ts';

type Flags = Partial<Record<Channel, boolean>>;

function cloneOverrides(overrides: PreferenceOverrides): PreferenceOverrides {
  const copy = (record: Record<string, Flags>) =>
    Object.fromEntries(Object.entries(record).map(([key, flags]) => [key, { ...flags }]));
  return {
    channels: { ...overrides.channels },
    categories: copy(overrides.categories),
    types: copy(overrides.types),
  };
}

function setFlag(
  record: Record<string, Flags>,
  key: string,
  channel: Channel,
  enabled: boolean | null,
) {
  const flags = { ...record[key] };
  if (enabled === null) delete flags[channel];
  else flags[channel] = enabled;
  if (Object.keys(flags).length === 0) delete record[key];
  else record[key] = flags;
}

/**
 * Applies changes in order, as `PATCH /v1/me/preferences` does: `enabled: null` removes an
 * override; a change without a channel applies to every channel (but leaves a type's required
 * channels alone); a category change also clears the overrides of its types for the same
 * channels.
 */
export function applyPreferenceChanges(
  overrides: PreferenceOverrides,
  changes: readonly PreferenceChange[],
  catalog: Catalog,
): PreferenceOverrides {
  const next = cloneOverrides(overrides);
  const channels = catalog.channels.map((channel) => channel.key);
  const types = new Map(
    catalog.categories.flatMap((category) => category.types.map((type) => [type.key, type])),
  );
  for (const change of changes) {
    if (change.scope === 'channel') {
      if (change.enabled === null) delete next.channels[change.channel];
      else next.channels[change.channel] = change.enabled;
      continue;
    }
    if (change.scope === 'category') {
      const category = catalog.categories.find((c) => c.key === change.key);
      for (const channel of change.channel ? [change.channel] : channels) {
        setFlag(next.categories, change.key, channel, change.enabled);
        for (const type of category?.types ?? []) setFlag(next.types, type.key, channel, null);
      }
      continue;
    }
    const type = types.get(change.key);
    if (change.channel) {
      setFlag(next.types, change.key, change.channel, change.enabled);
      continue;
    }
    for (const channel of change.enabled === null ? channels : (type?.channels ?? channels)) {
      if (change.enabled !== null && type?.required.includes(channel)) continue;
      setFlag(next.types, change.key, channel, change.enabled);
    }
  }
  return next;
}

/**
 * Whether each channel is on for each type: off if the type cannot use the channel; on if the
 * channel is required; off if the channel switch is off; else the type's override, else the
 * category's, else the catalog default.
 */
export function effectivePreferences(
  overrides: PreferenceOverrides,
  catalog: Catalog,
): Preferences['effective'] {
  const effective: Preferences['effective'] = {};
  for (const category of catalog.categories) {
    for (const type of category.types) {
      const flags = {} as Record<Channel, boolean>;
      for (const { key: channel } of catalog.channels) {
        let on: boolean;
        if (!type.channels.includes(channel)) on = false;
        else if (type.required.includes(channel)) on = true;
        else if (overrides.channels[channel] === false) on = false;
        else {
          on =
            overrides.types[type.key]?.[channel] ??
            overrides.categories[category.key]?.[channel] ??
            type.defaults[channel];
        }
        flags[channel] = on;
      }
      effective[type.key] = flags as Preferences['effective'][string];
    }
  }
  return effective;
}

export const EMPTY_OVERRIDES: PreferenceOverrides = { channels: {}, categories: {}, types: {} };
