import { css } from 'lit';

export const awaySectionStyles = css`
  :host {
    --_switch-on: var(--bay-away-section-switch-on, var(--_bay-color-accent));
    --_highlight: var(--bay-away-section-highlight, #ffe58f);
    --_on-highlight: var(--bay-away-section-on-highlight, #3d2e00);
    display: block;
    container: bay-away-section / inline-size;
    background: var(--bay-away-section-background, var(--_bay-color-surface));
    color: var(--_bay-color-text);
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_highlight: var(--bay-away-section-highlight, #5c4a00);
      --_on-highlight: var(--bay-away-section-on-highlight, #fff3c4);
    }
  }

  :host([theme='dark']) {
    --_highlight: var(--bay-away-section-highlight, #5c4a00);
    --_on-highlight: var(--bay-away-section-on-highlight, #fff3c4);
  }

  .base {
    display: grid;
    gap: var(--_bay-spacing);
  }

  .heading {
    margin: 0;
    font-size: 1.25em;
    font-weight: 650;
    line-height: 1.3;
  }

  .intro {
    margin: 0;
    max-inline-size: 44rem;
    color: var(--_bay-color-text-muted);
  }

  /* Form beside the preview and the rules when wide; stacked on a phone. */
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_bay-spacing) * 1.5);
    align-items: start;
  }

  @container bay-away-section (min-width: 44rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr) var(--bay-away-section-aside-width, 20rem);
    }
  }

  .aside {
    display: grid;
    gap: var(--_bay-spacing);
  }

  form {
    display: grid;
    gap: var(--_bay-spacing);
    max-inline-size: 36rem;
  }

  /* The switch: a checkbox with role="switch", drawn as a track and a thumb. */
  .switch-row {
    display: grid;
    grid-template-columns: auto minmax(0, max-content) auto;
    justify-content: start;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }

  .switch-row .error {
    grid-column: 1 / -1;
  }

  .switch {
    appearance: none;
    position: relative;
    flex: none;
    inline-size: 2.75rem;
    block-size: 1.5rem;
    margin: 0.625rem 0;
    border: 2px solid var(--_bay-color-border);
    border-radius: 999px;
    background: var(--_bay-color-surface-sunken);
    cursor: pointer;
    transition: background-color 120ms ease, border-color 120ms ease;
  }

  .switch::before {
    content: '';
    position: absolute;
    inset-block-start: 0.125rem;
    inset-inline-start: 0.125rem;
    inline-size: 1rem;
    block-size: 1rem;
    border-radius: 50%;
    background: var(--_bay-color-text-muted);
    transition: transform 120ms ease, background-color 120ms ease;
  }

  .switch:checked {
    border-color: var(--_switch-on);
    background: var(--_switch-on);
  }

  .switch:checked::before {
    background: var(--_bay-color-on-accent);
    transform: translateX(1.25rem);
  }

  .base[dir='rtl'] .switch:checked::before {
    transform: translateX(-1.25rem);
  }

  .switch-row label {
    font-weight: 600;
    cursor: pointer;
  }

  .switch-state {
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_bay-color-text-muted);
  }

  .switch-state.on {
    color: var(--_bay-color-text);
  }

  .summary {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    color: var(--_bay-color-text-muted);
  }

  .summary.away {
    justify-self: start;
    padding: 0.375rem 0.75rem;
    border-radius: var(--_bay-radius);
    background: var(--_highlight);
    color: var(--_on-highlight);
    font-weight: 600;
  }

  .clock {
    flex: none;
  }

  /* Fields */

  .field {
    display: grid;
    gap: 0.25rem;
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }

  .field > label,
  .field > legend {
    padding: 0;
    font-weight: 600;
  }

  .hint {
    margin: 0;
    font-size: 0.875em;
    color: var(--_bay-color-text-muted);
  }

  input[type='text'],
  input[type='date'],
  input[type='time'] {
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-raised);
    color: var(--_bay-color-text);
    font: inherit;
  }

  input[aria-invalid='true'] {
    border-color: var(--_bay-color-danger);
    border-width: 2px;
  }

  .error {
    margin: 0;
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_bay-color-danger);
  }

  /* The "Assign to" combobox and its list */

  .combo {
    position: relative;
  }

  .combo input {
    padding-inline-end: 2.75rem;
  }

  .combo-toggle {
    position: absolute;
    inset-block: 1px;
    inset-inline-end: 1px;
    min-block-size: 0;
    inline-size: 2.5rem;
    padding: 0;
    border: 0;
    background: transparent;
    color: var(--_bay-color-text-muted);
  }

  .combo.open .combo-toggle svg {
    transform: rotate(180deg);
  }

  .popup {
    position: absolute;
    inset-inline: 0;
    inset-block-start: calc(100% + 0.25rem);
    z-index: 10;
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-raised);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
  }

  .popup[hidden] {
    display: none;
  }

  .listbox,
  .group {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  /* The listbox scrolls (not the popup): its keyboard access is the combobox's. */
  .listbox {
    max-block-size: min(20rem, 60vh);
    overflow: auto;
    padding-block: 0.25rem;
  }

  .group-label {
    padding: 0.5rem 0.75rem 0.25rem;
    font-size: 0.8125em;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--_bay-color-text-muted);
  }

  .option {
    display: grid;
    grid-template-columns: 1.25rem minmax(0, 1fr);
    gap: 0.5rem;
    align-items: start;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    cursor: pointer;
  }

  .option:hover {
    background: var(--_bay-color-surface-sunken);
  }

  .option.active {
    outline: 2px solid var(--_bay-color-focus);
    outline-offset: -2px;
    background: var(--_bay-color-surface-sunken);
  }

  .check {
    display: flex;
    padding-block-start: 0.2rem;
    color: var(--_bay-color-accent);
  }

  .option-text {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.125rem 0.75rem;
  }

  .option-name {
    font-weight: 600;
  }

  .option-detail {
    font-size: 0.875em;
    color: var(--_bay-color-text-muted);
  }

  .option-away {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0 0.375rem;
    border-radius: 999px;
    background: var(--_highlight);
    color: var(--_on-highlight);
    font-size: 0.8125em;
    font-weight: 600;
  }

  .popup-note {
    margin: 0;
    padding: 0.5rem 0.75rem;
    color: var(--_bay-color-text-muted);
  }

  .directory-failed {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }

  .warning {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_on-highlight);
    border-radius: var(--_bay-radius);
    background: var(--_highlight);
    color: var(--_on-highlight);
  }

  .warning .clock {
    margin-block-start: 0.2rem;
  }

  /* Away until / Time of the day */

  .until-inputs {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.5rem 0.75rem;
    align-items: end;
  }

  @container bay-away-section (min-width: 30rem) {
    .until-inputs {
      grid-template-columns: minmax(0, 1fr) minmax(0, 10rem) auto;
      align-items: start;
    }

    .until-inputs .clear {
      margin-block-start: calc(1.5em + 0.25rem);
    }
  }

  .until-input {
    display: grid;
    gap: 0.25rem;
  }

  .until-input label {
    font-weight: 600;
  }

  /* Changed elsewhere */

  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--_bay-color-accent);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-sunken);
  }

  .notice p {
    margin: 0;
    flex: 1 1 16rem;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }

  /* What your team sees */

  .preview,
  .rules {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: var(--_bay-spacing);
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-raised);
  }

  .preview-heading,
  .rules-heading {
    font-weight: 600;
  }

  .preview-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    margin: 0;
  }

  .preview-name {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    font-weight: 600;
  }

  .preview-name.away {
    padding: 0 0.375rem;
    border-radius: 0.25rem;
    background: var(--_highlight);
    color: var(--_on-highlight);
  }

  .preview-state {
    font-size: 0.875em;
    color: var(--_bay-color-text-muted);
  }

  .rules ul {
    display: grid;
    gap: 0.375rem;
    margin: 0;
    padding-inline-start: 1.25rem;
    font-size: 0.9375em;
  }

  @media (prefers-reduced-motion: reduce) {
    .switch,
    .switch::before {
      transition: none;
    }
  }
`;
