import { css } from 'lit';

export const pushDevicesStyles = css`
  :host {
    --_badge-background: var(--bay-push-devices-badge-background, var(--_bay-color-accent));
    --_badge-color: var(--bay-push-devices-badge-color, var(--_bay-color-on-accent));
    display: block;
    container: bay-push-devices / inline-size;
    background: var(--bay-push-devices-background, var(--_bay-color-surface));
    color: var(--_bay-color-text);
  }

  .base {
    position: relative;
    display: grid;
    gap: calc(var(--_bay-spacing) * 0.625);
    max-inline-size: 48rem;
  }

  .heading {
    font-size: 1.0625em;
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

  p {
    margin: 0;
  }

  .intro,
  .hint {
    color: var(--_bay-color-text-muted);
  }

  .load-failed {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }

  .list {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-radius);
  }

  .device {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding: 0.75rem 1rem;
  }

  .device + .device {
    border-block-start: 1px solid var(--_bay-color-border);
  }

  .device-info {
    display: grid;
    gap: 0.25rem;
    flex: 1 1 16rem;
    min-inline-size: 0;
  }

  .device-line {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.5rem;
  }

  .device-label {
    font-weight: 650;
    overflow-wrap: anywhere;
  }

  .badge {
    padding: 0.0625rem 0.5rem;
    border-radius: 999px;
    background: var(--_badge-background);
    color: var(--_badge-color);
    font-size: 0.8125em;
    font-weight: 650;
  }

  .separator,
  .device-meta {
    color: var(--_bay-color-text-muted);
  }

  .result {
    color: var(--_bay-color-success);
    font-weight: 600;
  }

  .result.failed {
    color: var(--_bay-color-danger);
  }

  .device-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  button.danger {
    color: var(--_bay-color-danger);
  }

  .dialog button.danger {
    border-color: var(--_bay-color-danger);
    background: var(--_bay-color-danger);
    color: var(--_bay-color-surface);
  }

  /* A phone: the meta line goes under the name, the buttons share the row. */
  @container bay-push-devices (max-width: 30rem) {
    .separator {
      display: none;
    }

    .device-line {
      flex-direction: column;
      align-items: flex-start;
    }

    .device-actions {
      inline-size: 100%;
    }

    .device-actions button {
      flex: 1 1 0;
    }
  }

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

  .dialog-title {
    margin-block-end: 0.5rem;
    font-size: 1.125em;
    font-weight: 650;
  }

  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-block-start: 1rem;
  }

  /* Empty live regions stay in the accessibility tree (so changes are heard) but take no room. */
  .status:empty,
  .alert:empty {
    position: absolute;
  }
`;
