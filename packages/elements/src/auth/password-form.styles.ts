import { css } from 'lit';

/**
 * Styles of the password forms (`<bay-password-section>`, `<bay-login>`,
 * `<bay-password-reset>`): fields with a show/hide button, the rule checklist, buttons, the
 * status and alert regions. Each element adds its own component properties on top.
 */
export const passwordFormStyles = css`
  :host {
    display: block;
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

  .heading:focus {
    outline: none;
  }

  .heading:focus-visible {
    outline: 2px solid var(--_bay-color-focus);
    outline-offset: 2px;
  }

  .intro,
  .hint {
    margin: 0;
    color: var(--_bay-color-text-muted);
  }

  .hint {
    font-size: 0.875em;
  }

  form {
    display: grid;
    gap: var(--_bay-spacing);
    max-inline-size: var(--_form-width, 28rem);
  }

  .field {
    display: grid;
    gap: 0.25rem;
  }

  label {
    font-weight: 600;
  }

  .control {
    display: flex;
    align-items: stretch;
    gap: 0.5rem;
  }

  input {
    flex: 1;
    min-inline-size: 0;
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

  /* Rules */

  .rules {
    display: grid;
    gap: 0.125rem;
    font-size: 0.875em;
  }

  .rules-heading {
    margin: 0;
    color: var(--_bay-color-text-muted);
  }

  .rules ul {
    display: grid;
    gap: 0.125rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .rule {
    display: flex;
    align-items: baseline;
    gap: 0.5em;
    color: var(--_bay-color-text-muted);
  }

  .rule-icon {
    display: inline-block;
    inline-size: 1em;
    text-align: center;
    font-weight: 700;
  }

  .rule.met {
    color: var(--_bay-color-success);
  }

  .rule.unmet {
    color: var(--_bay-color-danger);
  }

  /* Buttons */

  /* A link that reads as a button ("Sign in" after a reset). */
  a.button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-block-size: 2.75rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_bay-color-accent);
    border-radius: var(--_bay-radius);
    font-weight: 600;
    text-decoration: none;
  }

  a.button.primary {
    background: var(--_bay-color-accent);
    color: var(--_bay-color-on-accent);
  }

  a.button.primary:hover {
    filter: brightness(1.08);
  }

  button.toggle {
    flex: none;
    min-inline-size: 4.5rem;
    padding-inline: 0.75rem;
  }

  /* A button that reads as a link ("Forgot your password?", "Back to sign in"). */
  button.link,
  a.link {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
    padding: 0;
    border: none;
    background: none;
    color: var(--_bay-color-accent);
    font: inherit;
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }

  button.link:hover,
  a.link:hover {
    text-decoration-thickness: 2px;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_bay-spacing);
  }

  /* Messages. Live regions stay rendered (even empty) so that screen readers notice changes. */

  /* An empty live region takes no room in the form's grid (it stays rendered, see above). */
  form > .status:empty,
  form > .alert:empty {
    margin-block-start: calc(var(--_bay-spacing) * -1);
  }

  .notice {
    margin: 0;
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--_bay-color-accent);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-sunken);
  }

  .notice.warning {
    border-inline-start-color: var(--_bay-color-danger);
  }

  .notice:focus {
    outline: none;
  }

  .notice:focus-visible {
    outline: 2px solid var(--_bay-color-focus);
    outline-offset: 2px;
  }
`;
