import { css } from 'lit';

/**
 * Buttons, action rows and messages shared by the library's forms (the profile,
 * signature and password sections, sign-in and reset). Live regions (`.status`, `.alert`) stay rendered even when empty, so that screen
 * readers notice their changes.
 */
export const formStyles = css`
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-block-size: 2.75rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-raised);
    color: var(--_bay-color-text);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  button:hover:not([aria-disabled='true']) {
    border-color: var(--_bay-color-accent);
  }

  button.primary {
    border-color: var(--_bay-color-accent);
    background: var(--_bay-color-accent);
    color: var(--_bay-color-on-accent);
  }

  button.primary:hover:not([aria-disabled='true']) {
    filter: brightness(1.08);
  }

  button[aria-disabled='true'] {
    border-color: transparent;
    background: var(--_bay-color-surface-sunken);
    color: var(--_bay-color-text-muted);
    cursor: not-allowed;
  }

  .status {
    margin: 0;
    color: var(--_bay-color-success);
    font-weight: 600;
  }

  .alert {
    margin: 0;
  }

  .alert:not(:empty) {
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--_bay-color-danger);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-sunken);
    color: var(--_bay-color-text);
  }

  .alert ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
  }
`;
