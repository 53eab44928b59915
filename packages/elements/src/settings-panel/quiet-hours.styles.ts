import { css } from 'lit';

/**
 * The quiet hours' styles, after the notifications section's own (`quiet-hours.ts` renders
 * into its shadow root, and uses its `--_switch-on` and its `bay-notifications-section`
 * container).
 */
export const quietHoursStyles = css`
  .quiet-hours {
    display: grid;
    gap: calc(var(--_bay-spacing) * 0.625);
    max-inline-size: 48rem;
  }

  .subheading {
    font-size: 1.0625em;
    font-weight: 650;
    line-height: 1.3;
  }

  .quiet-failed {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }

  .quiet-form {
    display: grid;
    gap: var(--_bay-spacing);
  }

  .quiet-form fieldset {
    display: grid;
    gap: 0.5rem;
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: none;
  }

  .quiet-form legend {
    padding: 0;
    margin-block-end: 0.25rem;
    font-weight: 650;
  }

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

  .switch-row label {
    cursor: pointer;
  }

  input.toggle {
    appearance: none;
    position: relative;
    flex: none;
    inline-size: 2.75rem;
    min-block-size: 0;
    block-size: 1.5rem;
    margin: 0.625rem 0;
    padding: 0;
    border: 2px solid var(--_bay-color-border);
    border-radius: 999px;
    background: var(--_bay-color-surface-sunken);
    cursor: pointer;
    transition: background-color 120ms ease, border-color 120ms ease;
  }

  input.toggle::before {
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

  input.toggle:checked {
    border-color: var(--_switch-on);
    background: var(--_switch-on);
  }

  input.toggle:checked::before {
    background: var(--_bay-color-on-accent);
    transform: translateX(1.25rem);
  }

  .base[dir='rtl'] input.toggle:checked::before {
    transform: translateX(-1.25rem);
  }

  .toggle-state {
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_bay-color-text-muted);
  }

  .toggle-state.on {
    color: var(--_bay-color-text);
  }

  .quiet-inputs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
  }

  .quiet-input {
    display: grid;
    gap: 0.25rem;
    flex: 0 1 11rem;
  }

  .day-list {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  .day {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-block-size: 2.75rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-raised);
    font-weight: 600;
    cursor: pointer;
  }

  .day:has(input:checked) {
    border-color: var(--_switch-on);
    background: color-mix(in srgb, var(--_switch-on) 12%, var(--_bay-color-surface-raised));
  }

  .day input {
    inline-size: 1.125rem;
    min-block-size: 0;
    block-size: 1.125rem;
    margin: 0;
    padding: 0;
    accent-color: var(--_switch-on);
  }

  .day:focus-within {
    outline: 2px solid var(--_bay-color-focus);
    outline-offset: 2px;
  }

  .day input:focus-visible {
    outline: none;
  }

  .error {
    color: var(--_bay-color-danger);
    font-weight: 600;
  }

  .quiet-summary {
    font-weight: 600;
  }

  .quiet-summary:empty {
    display: none;
  }

  .quiet-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }

  .button.primary {
    border-color: var(--_bay-color-accent);
    background: var(--_bay-color-accent);
    color: var(--_bay-color-on-accent);
  }

  .button.primary[aria-disabled='true'] {
    border-color: transparent;
    background: var(--_bay-color-surface-sunken);
    color: var(--_bay-color-text-muted);
    opacity: 1;
    cursor: not-allowed;
  }

  .quiet-form .alert ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
  }

  @media (prefers-reduced-motion: reduce) {
    input.toggle,
    input.toggle::before {
      transition: none;
    }
  }

  /* A phone. */
  @container bay-notifications-section (max-width: 40rem) {
    .quiet-input {
      flex: 1 1 8rem;
    }

    .quiet-actions .button {
      inline-size: 100%;
    }
  }
`;
