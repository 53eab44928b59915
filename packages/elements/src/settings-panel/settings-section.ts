import type { BaylinkClient } from '@baylink/sdk';
import { nothing, type TemplateResult } from 'lit';
import type { PlainTranslationKey } from '../internal/localize.ts';
import type { BaySettingsPanel } from './settings-panel.ts';

/**
 * One section of `<bay-settings-panel>`: plain data, so the panel's navigation is a list that
 * later sections (away status…) join by adding a descriptor to `BaySettingsPanel.sections`.
 *
 * The protocol a section element follows inside the panel:
 *
 * - **Rendering**: `render(panel)` returns the section's element with `part="section"`, the
 *   panel's `lang`, `theme`, `client` and `strings` (see `sectionAttributes`), an
 *   `exportparts` list (see `sectionExportParts`) and `heading-level="3"`.
 * - **Unsaved changes**: the element exposes a `dirty` boolean property (true while it holds
 *   edits that are not saved) and dispatches `BaySettingsDirtyEvent` (`bay-settings-dirty`,
 *   bubbling and composed, `detail: { dirty }`) whenever it changes. The panel reads `dirty`
 *   before switching sections and asks "Discard changes?"; while it is true the page's
 *   `beforeunload` is hooked too. Sections that save as you go are dirty only while a part
 *   with its own Save holds edits (the notifications section's quiet hours).
 * - **Sections that do not apply**: `available(client)` answers whether the section applies to
 *   the signed-in user (the Password section answers `false` when the account signs its users
 *   in through the host). The panel asks once per client, leaves the section out of its
 *   navigation until the answer is `true`, and treats a rejection as `false`. A section
 *   without `available` always applies.
 */
export interface SettingsSection {
  /** The value of the panel's `section` attribute that shows it, and its name in `sections`. */
  name: string;
  /** Its label in the panel's navigation. */
  label: PlainTranslationKey;
  /** Renders it, passing on the panel's client, language, theme and strings. */
  render(panel: BaySettingsPanel): TemplateResult;
  /** Whether the section applies to the signed-in user (default: always). */
  available?(client: BaylinkClient): boolean | Promise<boolean>;
}

/** What every section element takes from the panel that hosts it: `lang` and `theme`. */
export function sectionAttributes(panel: BaySettingsPanel): {
  lang: string | typeof nothing;
  theme: 'light' | 'dark' | typeof nothing;
} {
  return {
    lang: panel.getAttribute('lang') ?? nothing,
    theme: panel.theme ?? nothing,
  };
}

/**
 * A section's parts as an `exportparts` value, so `bay-settings-panel::part(save-button)` works.
 * `base` and `header` would clash with the panel's own and become `section-base` and
 * `section-header`.
 */
export function sectionExportParts(parts: readonly string[]): string {
  return parts
    .map((part) => (part === 'base' || part === 'header' ? `${part}:section-${part}` : part))
    .join(', ');
}
