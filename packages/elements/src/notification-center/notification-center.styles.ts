import { css } from 'lit';

export const notificationCenterStyles = css`
  :host {
    --_bay-nc-width: var(--bay-notification-center-width, 26rem);
    --_bay-nc-height: var(--bay-notification-center-height, 36rem);
    --_bay-nc-background: var(--bay-notification-center-background, var(--_bay-color-surface-raised));
    --_bay-nc-radius: var(--bay-notification-center-radius, var(--_bay-radius));
    --_bay-nc-shadow: var(
      --bay-notification-center-shadow,
      0 12px 32px rgb(15 23 42 / 0.22),
      0 2px 6px rgb(15 23 42 / 0.12)
    );
    --_bay-nc-bell-size: var(--bay-notification-center-bell-size, 2.5rem);
    --_bay-nc-bell-color: var(--bay-notification-center-bell-color, currentColor);
    --_bay-nc-badge-background: var(
      --bay-notification-center-badge-background,
      var(--_bay-color-danger)
    );
    --_bay-nc-badge-color: var(--bay-notification-center-badge-color, #ffffff);
    --_bay-nc-unread-color: var(--bay-notification-center-unread-color, var(--_bay-color-accent));
    --_bay-nc-unread-background: var(
      --bay-notification-center-unread-background,
      color-mix(in srgb, var(--_bay-color-accent) 7%, transparent)
    );
    display: inline-block;
    position: relative;
    line-height: 1.4;
    /* The bell takes the colour of the text around it (a dark header bar, a light toolbar);
       the panel sets its own. */
    color: inherit;
  }

  :host([theme='dark']) {
    --_bay-nc-badge-color: var(--bay-notification-center-badge-color, #1a0b09);
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_bay-nc-badge-color: var(--bay-notification-center-badge-color, #1a0b09);
    }
  }

  button {
    font: inherit;
    color: inherit;
  }

  svg {
    width: 1.25em;
    height: 1.25em;
    flex: none;
  }

  /* ── The bell ─────────────────────────────────────────────────────────────────── */

  .bell {
    position: relative;
    display: inline-grid;
    place-items: center;
    width: var(--_bay-nc-bell-size);
    height: var(--_bay-nc-bell-size);
    padding: 0;
    border: 0;
    border-radius: 999px;
    background: transparent;
    color: var(--_bay-nc-bell-color);
    cursor: pointer;
  }

  .bell:hover,
  .bell[aria-expanded='true'] {
    background: color-mix(in srgb, currentColor 14%, transparent);
  }

  .bell svg {
    width: 1.4em;
    height: 1.4em;
  }

  .badge {
    position: absolute;
    top: 0.05rem;
    inset-inline-end: 0.05rem;
    min-width: 1.25rem;
    height: 1.25rem;
    padding: 0 0.3rem;
    border-radius: 999px;
    background: var(--_bay-nc-badge-background);
    color: var(--_bay-nc-badge-color);
    font-size: 0.7rem;
    font-weight: 700;
    line-height: 1.25rem;
    text-align: center;
    box-shadow: 0 0 0 2px var(--_bay-color-surface);
  }

  .badge[hidden] {
    display: none;
  }

  .bell-offline {
    position: absolute;
    bottom: 0.3rem;
    inset-inline-end: 0.3rem;
    width: 0.55rem;
    height: 0.55rem;
    border-radius: 999px;
    background: #b7791f;
    box-shadow: 0 0 0 2px var(--_bay-color-surface);
  }

  /* ── The panel: a popover anchored to the bell, a sheet on a phone ────────────── */

  .panel {
    position: fixed;
    inset: auto;
    top: var(--_bay-nc-top, 4rem);
    right: var(--_bay-nc-right, 0.5rem);
    left: var(--_bay-nc-left, auto);
    margin: 0;
    padding: 0;
    width: min(var(--_bay-nc-width), calc(100vw - 1rem));
    height: min(var(--_bay-nc-height), calc(100vh - var(--_bay-nc-top, 4rem) - 0.75rem));
    min-height: 16rem;
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-nc-radius);
    background: var(--_bay-nc-background);
    color: var(--_bay-color-text);
    box-shadow: var(--_bay-nc-shadow);
    overflow: hidden;
    flex-direction: column;
    font-family: var(--_bay-font-family);
    font-size: var(--_bay-font-size);
    line-height: 1.4;
  }

  .panel:popover-open,
  .panel.open {
    display: flex;
  }

  .panel:not(:popover-open):not(.open) {
    display: none;
  }

  @media (max-width: 40rem) {
    .panel {
      top: 0;
      right: 0;
      left: 0;
      bottom: 0;
      width: 100vw;
      height: 100dvh;
      max-height: none;
      border: 0;
      border-radius: 0;
    }
  }

  .header {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem 0.75rem 0.5rem 1rem;
    border-bottom: 1px solid color-mix(in srgb, var(--_bay-color-border) 45%, transparent);
  }

  .header-row {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-width: 0;
  }

  .heading {
    margin: 0;
    font-size: 1.1em;
    font-weight: 700;
    flex: 1;
    min-width: 0;
  }

  .status {
    font-size: 0.8em;
    color: var(--_bay-color-text-muted);
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
  }

  .status:empty {
    display: none;
  }

  .status::before {
    content: '';
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 999px;
    background: #b7791f;
  }

  .text-button {
    border: 0;
    background: transparent;
    color: var(--_bay-color-accent);
    padding: 0.25rem 0.4rem;
    border-radius: calc(var(--_bay-radius) / 2);
    font-size: 0.875em;
    font-weight: 600;
    cursor: pointer;
    white-space: nowrap;
  }

  .text-button:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_bay-color-accent) 10%, transparent);
  }

  .text-button:disabled {
    color: var(--_bay-color-text-muted);
    cursor: default;
  }

  .icon-button {
    display: inline-grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    padding: 0;
    border: 0;
    border-radius: 999px;
    background: transparent;
    color: var(--_bay-color-text-muted);
    cursor: pointer;
  }

  .icon-button:hover {
    background: var(--_bay-color-surface-sunken);
    color: var(--_bay-color-text);
  }

  .controls {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    flex-wrap: wrap;
  }

  .tabs {
    display: inline-flex;
    gap: 0.25rem;
    padding: 0.2rem;
    border-radius: 999px;
    background: var(--_bay-color-surface-sunken);
  }

  .tab {
    border: 0;
    border-radius: 999px;
    padding: 0.2rem 0.8rem;
    background: transparent;
    color: var(--_bay-color-text-muted);
    font-size: 0.875em;
    font-weight: 600;
    cursor: pointer;
  }

  .tab[aria-selected='true'] {
    background: var(--_bay-nc-background);
    color: var(--_bay-color-text);
    box-shadow: 0 1px 2px rgb(15 23 42 / 0.18);
  }

  .filter {
    max-width: 12rem;
    min-width: 0;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_bay-color-border);
    border-radius: calc(var(--_bay-radius) / 2);
    background: var(--_bay-color-surface);
    color: var(--_bay-color-text);
    font: inherit;
    font-size: 0.875em;
  }

  .notice {
    margin: 0;
    padding: 0.4rem 1rem;
    font-size: 0.85em;
    color: var(--_bay-color-danger);
    background: color-mix(in srgb, var(--_bay-color-danger) 8%, transparent);
  }

  /* ── The list ─────────────────────────────────────────────────────────────────── */

  .scroller {
    position: relative;
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
  }

  .feed {
    width: 100%;
  }

  .row {
    display: block;
    width: 100%;
    outline: none;
    cursor: pointer;
  }

  .day {
    padding: 0.6rem 1rem 0.3rem;
    font-size: 0.75em;
    font-weight: 700;
    letter-spacing: 0.02em;
    text-transform: uppercase;
    color: var(--_bay-color-text-muted);
    background: var(--_bay-nc-background);
  }

  .item {
    position: relative;
    display: grid;
    grid-template-columns: 0.5rem 2.25rem minmax(0, 1fr) auto;
    align-items: start;
    gap: 0.6rem;
    padding: 0.65rem 0.6rem 0.65rem 0.5rem;
    border-bottom: 1px solid color-mix(in srgb, var(--_bay-color-border) 25%, transparent);
  }

  .row.unread .item {
    background: var(--_bay-nc-unread-background);
  }

  .row:hover .item {
    background: var(--_bay-color-surface-sunken);
  }

  .row:focus-visible .item {
    outline: 2px solid var(--_bay-color-focus);
    outline-offset: -2px;
  }

  .unread-dot {
    align-self: center;
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 999px;
    background: var(--_bay-nc-unread-color);
  }

  .unread-dot.read {
    visibility: hidden;
  }

  .avatar {
    display: inline-grid;
    place-items: center;
    width: 2.25rem;
    height: 2.25rem;
    border-radius: 999px;
    background: color-mix(in srgb, var(--_bay-color-accent) 16%, var(--_bay-color-surface));
    color: var(--_bay-color-text);
    font-size: 0.8em;
    font-weight: 700;
  }

  .text {
    display: grid;
    gap: 0.1rem;
    min-width: 0;
  }

  .title {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .row.read .title {
    font-weight: 500;
  }

  .body {
    color: var(--_bay-color-text-muted);
    font-size: 0.9em;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }

  .meta {
    color: var(--_bay-color-text-muted);
    font-size: 0.8em;
  }

  .actions {
    display: flex;
    gap: 0.1rem;
    opacity: 0.75;
  }

  .row:hover .actions,
  .row:focus-within .actions {
    opacity: 1;
  }

  .footer {
    padding: 0.75rem 1rem;
    text-align: center;
    font-size: 0.85em;
    color: var(--_bay-color-text-muted);
  }

  /* ── States ───────────────────────────────────────────────────────────────────── */

  .empty,
  .error {
    display: grid;
    justify-items: center;
    gap: 0.4rem;
    padding: 3rem 1.5rem;
    text-align: center;
  }

  .empty svg,
  .error svg {
    width: 2.5rem;
    height: 2.5rem;
    color: var(--_bay-color-text-muted);
  }

  .empty-title,
  .error-title {
    margin: 0;
    font-weight: 600;
  }

  .empty-hint {
    margin: 0;
    color: var(--_bay-color-text-muted);
    font-size: 0.9em;
  }

  .retry {
    margin-top: 0.5rem;
    padding: 0.4rem 1rem;
    border: 0;
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-accent);
    color: var(--_bay-color-on-accent);
    font-weight: 600;
    cursor: pointer;
  }

  .skeleton {
    display: grid;
    grid-template-columns: 2.25rem 1fr;
    gap: 0.6rem;
    padding: 0.75rem 1rem;
  }

  .skeleton .bone {
    border-radius: 0.35rem;
    background: linear-gradient(
      90deg,
      var(--_bay-color-surface-sunken) 0%,
      color-mix(in srgb, var(--_bay-color-surface-sunken) 55%, var(--_bay-nc-background)) 50%,
      var(--_bay-color-surface-sunken) 100%
    );
    background-size: 200% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }

  .skeleton .circle {
    width: 2.25rem;
    height: 2.25rem;
    border-radius: 999px;
  }

  .skeleton .lines {
    display: grid;
    gap: 0.4rem;
  }

  .skeleton .line {
    height: 0.7rem;
  }

  .skeleton .line.short {
    width: 60%;
  }

  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
`;
