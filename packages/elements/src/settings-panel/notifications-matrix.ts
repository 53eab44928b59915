import type {
  LocalizedCatalog,
  PreferenceChangeInput,
  UserPreferences,
} from '../notification-center/sdk-types.ts';

// The notification preferences matrix as data: what each switch shows, which preference
// changes a toggle sends, and the search. Pure functions, so the rules are tested apart from
// the element that renders them.

export type Channel = LocalizedCatalog['channels'][number]['key'];
export type CatalogCategory = LocalizedCatalog['categories'][number];
export type CatalogType = CatalogCategory['types'][number];

/** A cell of the matrix: a switch (on or off), a locked (required) channel, or no switch at all. */
export type CellState = 'on' | 'off' | 'locked' | 'unsupported';

/** An aggregate (row or column) switch, as `aria-checked` says it. */
export type AggregateState = 'true' | 'false' | 'mixed';

/** What a switch of the matrix sets. */
export type MatrixTarget =
  | { scope: 'type'; key: string; channel: Channel }
  | { scope: 'category'; key: string; channel: Channel }
  | { scope: 'channel'; channel: Channel };

/** Whether a type can be switched on a channel (it can use it, and it is not locked on). */
export function toggleable(type: CatalogType, channel: Channel): boolean {
  return type.channels.includes(channel) && !type.required.includes(channel);
}

export function cellState(
  type: CatalogType,
  channel: Channel,
  preferences: UserPreferences,
): CellState {
  if (!type.channels.includes(channel)) return 'unsupported';
  if (type.required.includes(channel)) return 'locked';
  const flags = preferences.effective[type.key];
  return flags?.[channel] ? 'on' : 'off';
}

/**
 * The state of a switch that stands for several types on one channel: on when every switchable
 * one is on, off when every one is off, mixed otherwise; `undefined` when none can be switched
 * (every one is locked or cannot use the channel), so no switch is shown.
 */
export function aggregateState(
  types: readonly CatalogType[],
  channel: Channel,
  preferences: UserPreferences,
): AggregateState | undefined {
  let on = 0;
  let off = 0;
  for (const type of types) {
    if (!toggleable(type, channel)) continue;
    if (preferences.effective[type.key]?.[channel]) on += 1;
    else off += 1;
  }
  if (on + off === 0) return undefined;
  if (off === 0) return 'true';
  if (on === 0) return 'false';
  return 'mixed';
}

function allTypes(catalog: LocalizedCatalog): CatalogType[] {
  return catalog.categories.flatMap((category) => category.types);
}

/** The state of `target`'s switch now. */
export function targetState(
  catalog: LocalizedCatalog,
  preferences: UserPreferences,
  target: MatrixTarget,
): AggregateState | undefined {
  if (target.scope === 'type') {
    const type = allTypes(catalog).find((candidate) => candidate.key === target.key);
    if (!type || !toggleable(type, target.channel)) return undefined;
    return cellState(type, target.channel, preferences) === 'on' ? 'true' : 'false';
  }
  if (target.scope === 'category') {
    const category = catalog.categories.find((candidate) => candidate.key === target.key);
    return category ? aggregateState(category.types, target.channel, preferences) : undefined;
  }
  return aggregateState(allTypes(catalog), target.channel, preferences);
}

/**
 * The preference changes that make `target` on or off, and nothing else move.
 *
 * - A cell sets the type on that channel; a category row sets the category on that channel
 *   (which also clears its types' overrides there, so the whole row follows); a column turns
 *   the channel's master switch off, or back on with every category on for that channel.
 * - While a channel's master switch is off, every cell of its column shows off. Turning one
 *   cell or row of that column on first writes that "all off" as category overrides and lifts
 *   the master switch, so only the switch the user touched comes on.
 */
export function planChanges(
  catalog: LocalizedCatalog,
  preferences: UserPreferences,
  target: MatrixTarget,
  enabled: boolean,
): PreferenceChangeInput[] {
  const channel = target.channel;
  const categoriesOnChannel = catalog.categories.filter((category) =>
    category.types.some((type) => toggleable(type, channel)),
  );
  if (target.scope === 'channel') {
    if (!enabled) return [{ scope: 'channel', channel, enabled: false }];
    return [
      { scope: 'channel', channel, enabled: true },
      ...categoriesOnChannel.map(
        (category): PreferenceChangeInput => ({
          scope: 'category',
          key: category.key,
          channel,
          enabled: true,
        }),
      ),
    ];
  }
  const change: PreferenceChangeInput =
    target.scope === 'type'
      ? { scope: 'type', key: target.key, channel, enabled }
      : { scope: 'category', key: target.key, channel, enabled };
  const masterOff = preferences.overrides.channels[channel] === false;
  if (!enabled || !masterOff) return [change];
  return [
    { scope: 'channel', channel, enabled: true },
    ...categoriesOnChannel
      .filter((category) => target.scope === 'type' || category.key !== target.key)
      .map(
        (category): PreferenceChangeInput => ({
          scope: 'category',
          key: category.key,
          channel,
          enabled: false,
        }),
      ),
    change,
  ];
}

/** Lower case, without accents: "Réponses" matches "reponses". */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();
}

export interface FilteredCategory {
  category: CatalogCategory;
  types: CatalogType[];
}

/**
 * The categories and types that match a search: every word of the query must appear in the
 * type's label or description, or in its category's label (so "reviews" lists every review
 * type). An empty query keeps everything.
 */
export function filterCatalog(
  catalog: LocalizedCatalog,
  query: string,
): { categories: FilteredCategory[]; count: number } {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  let count = 0;
  const categories: FilteredCategory[] = [];
  for (const category of catalog.categories) {
    const categoryText = normalize(category.label);
    const types = category.types.filter((type) => {
      if (words.length === 0) return true;
      const text = `${categoryText} ${normalize(type.label)} ${normalize(type.description)}`;
      return words.every((word) => text.includes(word));
    });
    if (types.length === 0) continue;
    count += types.length;
    categories.push({ category, types });
  }
  return { categories, count };
}
