import { describe, expect, it } from 'vitest';
import {
  applyPreferenceChanges,
  EMPTY_OVERRIDES,
  effectivePreferences,
} from '../src/client/preferences/apply.ts';
import { CATALOG, CHANNELS } from '../src/contract/catalog-data.ts';
import type { Catalog } from '../src/index.ts';

/** The catalog as `GET /v1/catalog` serves it, built from the contract's data. */
const catalog: Catalog = {
  language: 'en',
  channels: CHANNELS.map((key) => ({ key, label: key })),
  categories: CATALOG.map((category) => ({
    key: category.key,
    label: category.label.en,
    types: category.types.map((type) => ({
      key: type.key,
      category: type.category,
      label: type.label.en,
      description: type.description.en,
      channels: [...type.channels],
      required: [...type.required],
      defaults: { ...type.defaults },
    })),
  })),
};
const allTypes = CATALOG.flatMap((category) => category.types);
const optional = allTypes.find(
  (t) => t.channels.includes('email') && !t.required.includes('email'),
)!;
const required = allTypes.find((t) => t.required.length > 0)!;

describe('preferences applied locally', () => {
  it('start from the catalog defaults', () => {
    const effective = effectivePreferences(EMPTY_OVERRIDES, catalog);
    expect(Object.keys(effective)).toHaveLength(allTypes.length);
    for (const type of allTypes) {
      for (const channel of ['in_app', 'web_push', 'email', 'mobile'] as const) {
        const expected = type.channels.includes(channel)
          ? type.required.includes(channel) || type.defaults[channel]
          : false;
        expect(effective[type.key]?.[channel]).toBe(expected);
      }
    }
  });

  it('let a type override beat its category, and a channel switch beat both', () => {
    let overrides = applyPreferenceChanges(
      EMPTY_OVERRIDES,
      [{ scope: 'type', key: optional.key, channel: 'email', enabled: true }],
      catalog,
    );
    expect(effectivePreferences(overrides, catalog)[optional.key]?.email).toBe(true);
    overrides = applyPreferenceChanges(
      overrides,
      [{ scope: 'channel', channel: 'email', enabled: false }],
      catalog,
    );
    expect(effectivePreferences(overrides, catalog)[optional.key]?.email).toBe(false);
    overrides = applyPreferenceChanges(
      overrides,
      [{ scope: 'channel', channel: 'email', enabled: null }],
      catalog,
    );
    expect(overrides.channels).toEqual({});
    expect(effectivePreferences(overrides, catalog)[optional.key]?.email).toBe(true);
  });

  it('clear the type overrides of a category set as a whole', () => {
    const overrides = applyPreferenceChanges(
      EMPTY_OVERRIDES,
      [
        { scope: 'type', key: optional.key, channel: 'email', enabled: true },
        { scope: 'category', key: optional.category, channel: 'email', enabled: false },
      ],
      catalog,
    );
    expect(overrides.types[optional.key]).toBeUndefined();
    expect(overrides.categories[optional.category]).toEqual({ email: false });
    expect(effectivePreferences(overrides, catalog)[optional.key]?.email).toBe(false);
  });

  it('apply a change without a channel to every channel, and keep required channels on', () => {
    const overrides = applyPreferenceChanges(
      EMPTY_OVERRIDES,
      [{ scope: 'type', key: required.key, enabled: false }],
      catalog,
    );
    const channel = required.required[0]!;
    // As the API does: every channel the type can use, except the required ones.
    expect(Object.keys(overrides.types[required.key] ?? {}).sort()).toEqual(
      required.channels.filter((c) => !required.required.includes(c)).sort(),
    );
    expect(effectivePreferences(overrides, catalog)[required.key]?.[channel]).toBe(true);
  });

  it('leave the input untouched', () => {
    const input = { channels: {}, categories: {}, types: {} };
    applyPreferenceChanges(
      input,
      [{ scope: 'channel', channel: 'mobile', enabled: false }],
      catalog,
    );
    expect(input).toEqual({ channels: {}, categories: {}, types: {} });
  });
});
