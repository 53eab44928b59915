import { css } from 'lit';

export const notificationsSectionStyles = css`
  :host {
    --_switch-on: var(--bay-notifications-section-switch-on, var(--_bay-color-accent));
    --_row-hover: var(
      --bay-notifications-section-row-hover,
      color-mix(in srgb, var(--_bay-color-accent) 6%, transparent)
    );
    display: block;
    container: bay-notifications-section / inline-size;
    background: var(--bay-notifications-section-background, var(--_bay-color-surface));
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

  p {
    margin: 0;
  }

  .intro,
  .hint {
    color: var(--_bay-color-text-muted);
    max-inline-size: 48rem;
  }

  /* The browser's permission */

  .note {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_bay-color-border);
    border-inline-start-width: 4px;
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-sunken);
    max-inline-size: 48rem;
  }

  .note.blocked {
    border-inline-start-color: var(--_bay-color-danger);
  }

  .note-icon {
    flex: none;
    margin-block-start: 0.15rem;
  }

  .note.blocked .note-icon {
    color: var(--_bay-color-danger);
  }

  .note > div {
    display: grid;
    gap: 0.375rem;
  }

  .note-title {
    font-weight: 650;
  }

  .note ol {
    margin: 0;
    padding-inline-start: 1.25rem;
  }

  /* Toolbar */

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: 0.75rem 1rem;
  }

  .search {
    display: grid;
    gap: 0.25rem;
    flex: 1 1 16rem;
    max-inline-size: 24rem;
  }

  label {
    font-weight: 600;
  }

  input {
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-raised);
    color: var(--_bay-color-text);
    font: inherit;
  }

  .button {
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

  .button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }

  .button.danger {
    border-color: var(--_bay-color-danger);
    background: var(--_bay-color-danger);
    color: var(--_bay-color-surface);
  }

  .count:empty,
  .status:empty,
  .alert:empty {
    display: none;
  }

  .count {
    color: var(--_bay-color-text-muted);
  }

  .status {
    color: var(--_bay-color-success);
    font-weight: 600;
  }

  .alert {
    padding: 0.75rem 1rem;
    border: 1px solid var(--_bay-color-danger);
    border-radius: var(--_bay-radius);
    color: var(--_bay-color-danger);
    font-weight: 600;
  }

  /* The matrix (wide) */

  .matrix {
    inline-size: 100%;
    border-collapse: collapse;
  }

  th,
  td {
    padding: 0.375rem 0.5rem;
    border-block-end: 1px solid color-mix(in srgb, var(--_bay-color-border) 45%, transparent);
    text-align: start;
    vertical-align: middle;
  }

  thead th {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
    background: var(--_bay-color-surface);
    border-block-end: 2px solid var(--_bay-color-border);
    font-size: 0.875em;
    font-weight: 650;
    vertical-align: bottom;
  }

  thead th:not(.type-column),
  td {
    inline-size: 7.5rem;
    text-align: center;
  }

  .channel-label {
    display: block;
  }

  .permission-state {
    display: inline-block;
    margin-block-start: 0.125rem;
    font-size: 0.8125rem;
    font-weight: 500;
    color: var(--_bay-color-text-muted);
  }

  .permission-state[data-permission='denied'] {
    color: var(--_bay-color-danger);
    font-weight: 650;
  }

  .permission-state[data-permission='granted'] {
    color: var(--_bay-color-success);
  }

  tbody.all th,
  tbody.all td {
    border-block-end: 2px solid var(--_bay-color-border);
  }

  th.group {
    font-weight: 650;
  }

  .row-category th.group {
    padding-block-start: 1.25rem;
    font-size: 1.0625em;
  }

  .row-category td {
    padding-block-start: 1.25rem;
  }

  .row-type th {
    font-weight: 400;
    padding-inline-start: 1.25rem;
  }

  .row-type:hover th,
  .row-type:hover td {
    background: var(--_row-hover);
  }

  .type-label {
    display: block;
    font-weight: 600;
  }

  .type-description {
    display: block;
    font-size: 0.875em;
    color: var(--_bay-color-text-muted);
  }

  /* Switches */

  .switch {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: 0.25rem;
    border: none;
    border-radius: var(--_bay-radius);
    background: none;
    color: var(--_bay-color-text);
    font: inherit;
    cursor: pointer;
  }

  .switch-text {
    display: none;
  }

  .track {
    position: relative;
    display: inline-block;
    flex: none;
    inline-size: 2.5rem;
    block-size: 1.5rem;
    border: 2px solid var(--_bay-color-border);
    border-radius: 999px;
    background: var(--_bay-color-surface-sunken);
    transition: background-color 120ms ease, border-color 120ms ease;
  }

  .thumb {
    position: absolute;
    inset-block-start: 2px;
    inset-inline-start: 2px;
    display: grid;
    place-items: center;
    inline-size: 1rem;
    block-size: 1rem;
    border-radius: 50%;
    background: var(--_bay-color-text-muted);
    color: var(--_switch-on);
    transition: inset-inline-start 120ms ease, background-color 120ms ease;
  }

  .switch[aria-checked='true'] .track {
    border-color: var(--_switch-on);
    background: var(--_switch-on);
  }

  .switch[aria-checked='true'] .thumb {
    inset-inline-start: calc(100% - 1rem - 2px);
    background: var(--_bay-color-on-accent);
  }

  /* Mixed: some on, some off. The thumb sits in the middle on a half-filled track. */
  .switch[aria-checked='mixed'] .track {
    border-color: var(--_switch-on);
    background: linear-gradient(
      to right,
      var(--_switch-on) 50%,
      var(--_bay-color-surface-sunken) 50%
    );
  }

  .switch[aria-checked='mixed'] .thumb {
    inset-inline-start: calc(50% - 0.5rem);
    background: var(--_bay-color-text);
  }

  .switch.locked {
    cursor: not-allowed;
  }

  .switch.locked .track {
    opacity: 0.55;
  }

  .switch:hover:not(.locked) .track {
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--_switch-on) 25%, transparent);
  }

  .unsupported {
    color: var(--_bay-color-text-muted);
  }

  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.5rem;
    font-size: 0.875em;
    color: var(--_bay-color-text-muted);
  }

  .legend-lock {
    vertical-align: -0.125em;
  }

  /* Dialog */

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

  /* Browser notifications, devices and quiet hours: blocks under their own headings. */

  .push-permission,
  .push-devices,
  .quiet-hours {
    padding-block-start: var(--_bay-spacing);
    border-block-start: 1px solid color-mix(in srgb, var(--_bay-color-border) 45%, transparent);
  }

  .push-permission {
    padding-block-start: 0;
    border: none;
  }

  /* A phone: a list per category, each type with its channels as labelled switches. */
  @container bay-notifications-section (max-width: 40rem) {
    .matrix,
    .matrix tbody,
    .matrix tr,
    .matrix th,
    .matrix td {
      display: block;
      inline-size: auto;
      padding: 0;
      border: none;
      text-align: start;
    }

    .matrix thead {
      display: none;
    }

    .matrix tbody.all th,
    .matrix tbody.all td {
      border: none;
    }

    .matrix tbody {
      margin-block-end: 1rem;
      border-block-start: 2px solid var(--_bay-color-border);
    }

    .matrix tr {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      padding-block: 0.75rem;
    }

    .matrix tr + tr {
      border-block-start: 1px solid color-mix(in srgb, var(--_bay-color-border) 45%, transparent);
    }

    .matrix tr > th {
      flex: 1 0 100%;
    }

    .row-category th.group {
      padding-block-start: 0;
    }

    .row-type th {
      padding-inline-start: 0;
    }

    .matrix td {
      flex: 0 1 calc(50% - 0.5rem);
    }

    .matrix td.empty {
      display: none;
    }

    .switch {
      justify-content: flex-start;
      padding-inline: 0 0.5rem;
    }

    .switch-text {
      display: inline;
    }
  }
`;
