import { css } from 'lit';

export const settingsPanelStyles = css`
  :host {
    display: block;
    container: bay-settings-panel / inline-size;
  }

  .base {
    display: grid;
    gap: calc(var(--_bay-spacing) * 1.5);
    max-inline-size: var(--bay-settings-panel-max-width, 64rem);
    padding: var(--bay-settings-panel-padding, calc(var(--_bay-spacing) * 1.5));
    border: var(--bay-settings-panel-border, 1px solid var(--_bay-color-border));
    border-radius: var(--bay-settings-panel-radius, var(--_bay-radius));
    background: var(--bay-settings-panel-background, var(--_bay-color-surface));
    color: var(--_bay-color-text);
  }

  .header {
    margin: 0;
  }

  h2 {
    margin: 0;
    font-size: var(--bay-settings-panel-heading-size, 1.5em);
    font-weight: 700;
    line-height: 1.25;
  }

  .hint {
    margin: 0;
    color: var(--_bay-color-text-muted);
  }

  button {
    font: inherit;
    color: inherit;
  }

  /* Tabs (wide panels) */

  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-block-end: 1px solid var(--_bay-color-border);
  }

  [role='tab'] {
    min-block-size: 2.75rem;
    padding: 0.5rem 1rem;
    border: none;
    border-block-end: 3px solid transparent;
    margin-block-end: -1px;
    background: none;
    color: var(--_bay-color-text-muted);
    font-weight: 600;
    cursor: pointer;
  }

  [role='tab']:hover {
    color: var(--_bay-color-text);
  }

  [role='tab'][aria-selected='true'] {
    border-block-end-color: var(--_bay-color-accent);
    color: var(--_bay-color-text);
  }

  /* The list and the back button only exist for narrow panels. */
  .list,
  .back {
    display: none;
  }

  .panel:focus {
    outline: none;
  }

  .panel:focus-visible {
    outline: 2px solid var(--_bay-color-focus);
    outline-offset: 4px;
  }

  @container bay-settings-panel (max-width: 40rem) {
    .base {
      padding: var(--bay-settings-panel-padding, var(--_bay-spacing));
      border-inline: none;
      border-radius: 0;
    }

    .navigable .tabs {
      display: none;
    }

    .navigable:not(.drilled) .list {
      display: block;
    }

    .navigable:not(.drilled) .panel {
      display: none;
    }

    .navigable.drilled .back {
      display: inline-flex;
    }
  }

  .list ul {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
    border-block: 1px solid var(--_bay-color-border);
  }

  .list li + li {
    border-block-start: 1px solid var(--_bay-color-border);
  }

  .list button {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    inline-size: 100%;
    min-block-size: 3rem;
    padding: 0.75rem 0.25rem;
    border: none;
    background: none;
    font-weight: 600;
    text-align: start;
    cursor: pointer;
  }

  .list svg,
  .back svg {
    flex: none;
    color: var(--_bay-color-text-muted);
  }

  [dir='rtl'] .list svg,
  [dir='rtl'] .back svg {
    transform: scaleX(-1);
  }

  .back {
    align-items: center;
    justify-self: start;
    gap: 0.25rem;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem 0.5rem 0.25rem;
    border: none;
    background: none;
    color: var(--_bay-color-accent);
    font-weight: 600;
    cursor: pointer;
  }

  .back svg {
    color: inherit;
  }

  /* "Discard changes?" */

  .dialog {
    max-inline-size: min(28rem, calc(100vw - 2rem));
    padding: calc(var(--_bay-spacing) * 1.25);
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-raised);
    color: var(--_bay-color-text);
    box-shadow: 0 12px 32px rgb(0 0 0 / 0.25);
  }

  .dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }

  .dialog h3 {
    margin: 0 0 0.5rem;
    font-size: 1.125em;
  }

  .dialog p {
    margin: 0 0 1rem;
  }

  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
  }

  .dialog-actions button {
    min-block-size: 2.75rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface);
    font-weight: 600;
    cursor: pointer;
  }

  .dialog-actions .primary {
    border-color: var(--_bay-color-accent);
    background: var(--_bay-color-accent);
    color: var(--_bay-color-on-accent);
  }

  .dialog-actions .danger {
    border-color: var(--_bay-color-danger);
    color: var(--_bay-color-danger);
  }

  [part~='section'] {
    --bay-profile-section-background: transparent;
    --bay-password-section-background: transparent;
    --bay-signature-section-background: transparent;
    --bay-notifications-section-background: transparent;
  }
`;
