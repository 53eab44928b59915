import { css } from 'lit';

export const signatureSectionStyles = css`
  :host {
    --_switch-on: var(--bay-signature-section-switch-on, var(--_bay-color-accent));
    --_bubble: var(--bay-signature-section-bubble-background, var(--_bay-color-surface-sunken));
    display: block;
    container: bay-signature-section / inline-size;
    background: var(--bay-signature-section-background, var(--_bay-color-surface));
    color: var(--_bay-color-text);
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

  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_bay-spacing) * 1.5);
    align-items: start;
  }

  @container bay-signature-section (min-width: 44rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr) var(--bay-signature-section-preview-width, 20rem);
    }
  }

  form {
    display: grid;
    gap: var(--_bay-spacing);
    max-inline-size: 36rem;
  }

  /* The switch: a checkbox with role="switch", drawn as a track and a thumb. */

  /* The switch, its label, then "On"/"Off" right after the label (so toggling moves nothing else). */
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

  :host([dir='rtl']) .switch:checked::before,
  .base[dir='rtl'] .switch:checked::before {
    transform: translateX(-1.25rem);
  }

  @media (prefers-reduced-motion: reduce) {
    .switch,
    .switch::before {
      transition: none;
    }
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

  /* The text field */

  .field {
    display: grid;
    gap: 0.25rem;
  }

  .field label {
    font-weight: 600;
  }

  textarea {
    inline-size: 100%;
    min-block-size: 7.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-raised);
    color: var(--_bay-color-text);
    font: inherit;
    line-height: 1.5;
    resize: vertical;
  }

  textarea[aria-invalid='true'] {
    border-color: var(--_bay-color-danger);
    border-width: 2px;
  }

  .hint {
    margin: 0;
    font-size: 0.875em;
    color: var(--_bay-color-text-muted);
  }

  .counter {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25rem 1rem;
    margin: 0;
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
    color: var(--_bay-color-text-muted);
  }

  .counter .remaining {
    order: -1;
    font-weight: 600;
    color: var(--_bay-color-text);
  }

  .counter.over {
    color: var(--_bay-color-danger);
    font-weight: 600;
  }

  .counter.over .remaining {
    color: var(--_bay-color-danger);
  }

  .error {
    margin: 0;
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_bay-color-danger);
  }

  /* The preview */

  .preview {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: var(--_bay-spacing);
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-raised);
  }

  .preview-heading {
    font-weight: 600;
  }

  .bubble {
    display: grid;
    gap: 1em;
    justify-self: start;
    max-inline-size: 100%;
    padding: 0.75rem 1rem;
    border-radius: calc(var(--_bay-radius) * 2);
    border-end-start-radius: 0.25rem;
    background: var(--_bubble);
    color: var(--_bay-color-text);
    overflow-wrap: anywhere;
  }

  .bubble p {
    margin: 0;
  }

  .signature {
    white-space: pre-line;
  }

  .preview-note {
    margin: 0;
    font-size: 0.875em;
    color: var(--_bay-color-text-muted);
  }

  .preview.off .preview-note {
    font-weight: 600;
  }

  /* Buttons and messages */

  /* Live regions stay rendered (even empty) so that screen readers notice their changes. */

`;
