import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import type { PlainTranslationKey } from '../internal/localize.ts';
import { PROFILE_SECTION_PARTS } from './profile-section.ts';
import { settingsPanelStyles } from './settings-panel.styles.ts';

/** One section of the settings panel. Later sections (signature, away status…) add entries. */
export interface SettingsSection {
  /** The value of the panel's `section` attribute that shows it. */
  name: string;
  /** Its label in the panel's navigation (shown once there are two sections or more). */
  label: PlainTranslationKey;
  /** Renders it, passing on the panel's client, language, theme and strings. */
  render(panel: BaySettingsPanel): TemplateResult;
}

/**
 * The profile section's parts, re-exported so `bay-settings-panel::part(save-button)` works.
 * `base` and `header` would clash with the panel's own and become `section-base` and
 * `section-header`.
 */
const SECTION_EXPORT_PARTS = PROFILE_SECTION_PARTS.map((part) =>
  part === 'base' || part === 'header' ? `${part}:section-${part}` : part,
).join(', ');

/** What every section element takes from the panel that hosts it. */
function inherited(panel: BaySettingsPanel) {
  return {
    lang: panel.getAttribute('lang') ?? nothing,
    theme: panel.theme ?? nothing,
  };
}

export const profileSettingsSection: SettingsSection = {
  name: 'profile',
  label: 'settings.section.profile',
  render(panel) {
    const { lang, theme } = inherited(panel);
    return html`<bay-profile-section
      part="section"
      exportparts=${SECTION_EXPORT_PARTS}
      heading-level="3"
      lang=${lang}
      theme=${theme}
      .client=${panel.client}
      .strings=${panel.strings}
    ></bay-profile-section>`;
  },
};

/**
 * @summary The signed-in user's settings. For now it holds one section: Profile (photo, name,
 * email, preferred language, job position, reference ID).
 *
 * It takes the SDK client from the enclosing `<bay-provider>` or from its `client` property, and
 * renders in the user's preferred language unless a `lang` attribute says otherwise. The
 * `section` attribute picks the section shown; a navigation appears once there are two or more.
 *
 * @event {BaySettingsChangeEvent} bay-settings-change - A section saved a change.
 * `detail: { section, me }`.
 * @event {BayErrorEvent} bay-error - A call to the API failed. `detail: { section, operation, error }`.
 *
 * @csspart base - The panel's box.
 * @csspart header - The header holding the "Your settings" heading.
 * @csspart heading - The "Your settings" heading.
 * @csspart nav - The sections' navigation (only with two sections or more).
 * @csspart section - The current section's element.
 * @csspart section-base - The profile section's wrapper (its `base` part).
 * @csspart section-header - The "Profile information" heading (the section's `header` part).
 * @csspart photo - Re-exported from the profile section, as are avatar, upload-button,
 * delete-button, progress, field, label, input, hint, error, save-button, status and alert.
 *
 * @cssproperty --bay-settings-panel-background - The panel's background (default `--bay-color-surface`).
 * @cssproperty --bay-settings-panel-border - The panel's border (default 1px solid `--bay-color-border`).
 * @cssproperty --bay-settings-panel-radius - The panel's corner radius (default `--bay-radius`).
 * @cssproperty --bay-settings-panel-padding - The space inside the panel.
 * @cssproperty --bay-settings-panel-max-width - The panel's widest width (default 64rem).
 * @cssproperty --bay-settings-panel-heading-size - The heading's font size (default 1.5em).
 * @cssproperty --bay-color-accent - Buttons and focus ring; with the other `--bay-*` tokens
 * (`--bay-color-surface`, `--bay-color-text`, `--bay-color-text-muted`, `--bay-color-border`,
 * `--bay-color-danger`, `--bay-color-success`, `--bay-color-on-accent`, `--bay-font-family`,
 * `--bay-font-size`, `--bay-radius`, `--bay-spacing`).
 */
export class BaySettingsPanel extends BaylinkElement {
  static override styles = [BaylinkElement.styles, settingsPanelStyles];

  /** The sections a panel can show, in navigation order. */
  static sections: SettingsSection[] = [profileSettingsSection];

  /** The section shown (`profile`); an unknown name shows the first. */
  @property({ reflect: true }) accessor section: string | undefined = undefined;

  /** The sections this panel shows (by default every registered one). */
  get availableSections(): SettingsSection[] {
    return (this.constructor as typeof BaySettingsPanel).sections;
  }

  /** The section shown now. */
  get currentSection(): SettingsSection | undefined {
    const sections = this.availableSections;
    return sections.find((candidate) => candidate.name === this.section) ?? sections[0];
  }

  #select(name: string): void {
    if (name === this.currentSection?.name) return;
    this.section = name;
  }

  protected override render(): TemplateResult {
    const sections = this.availableSections;
    const current = this.currentSection;
    return html`<section
      part="base"
      class="base"
      aria-labelledby="heading"
      lang=${this.resolvedLang}
      dir=${this.resolvedDir}
    >
      <div part="header" class="header">
        <h2 part="heading" id="heading">${this.term('settings.heading')}</h2>
      </div>
      ${
        sections.length > 1
          ? html`<nav part="nav" class="nav" aria-label=${this.term('settings.nav')}>
              <ul>
                ${sections.map(
                  (entry) =>
                    html`<li>
                      <button
                        type="button"
                        aria-current=${entry === current ? 'page' : 'false'}
                        @click=${() => this.#select(entry.name)}
                      >
                        ${this.term(entry.label)}
                      </button>
                    </li>`,
                )}
              </ul>
            </nav>`
          : nothing
      }
      ${current ? current.render(this) : nothing}
    </section>`;
  }
}
