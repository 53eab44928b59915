import { css } from 'lit';

export const awayBannerStyles = css`
  :host {
    --_top: var(--bay-away-banner-top, 0.75rem);
    --_margin: 0.75rem;
    display: block;
  }

  /* The bubble, fixed at the top centre of the screen (article 000). */
  .banner {
    position: fixed;
    inset-block-start: var(--_top);
    left: 50%;
    z-index: var(--bay-away-banner-z-index, 1000);
    transform: translateX(-50%);
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    grid-template-areas:
      'icon message dismiss'
      '. actions .'
      '. error .';
    align-items: center;
    gap: 0.25rem 0.625rem;
    box-sizing: border-box;
    inline-size: max-content;
    max-inline-size: min(var(--bay-away-banner-max-width, 48rem), calc(100vw - 2 * var(--_margin)));
    margin: 0;
    padding: 0.375rem 0.375rem 0.5rem 0.875rem;
    border: 1px solid var(--_bay-away-color);
    border-radius: calc(var(--_bay-radius) * 2);
    background: var(--_bay-away-bg);
    color: var(--_bay-away-text);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
  }

  .base[dir='rtl'] .banner {
    padding: 0.375rem 0.875rem 0.5rem 0.375rem;
  }

  :host([inline]) .banner {
    position: relative;
    inset-block-start: auto;
    left: auto;
    z-index: auto;
    transform: none;
    inline-size: auto;
    max-inline-size: none;
    box-shadow: none;
  }

  /* A phone: the whole width, minus margins. */
  @media (max-width: 40rem) {
    :host(:not([inline])) .banner {
      left: var(--_margin);
      right: var(--_margin);
      transform: none;
      inline-size: auto;
      max-inline-size: none;
    }
  }

  .icon {
    grid-area: icon;
    display: inline-flex;
  }

  .icon .clock-icon {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }

  .message {
    grid-area: message;
    margin: 0;
    font-weight: 600;
  }

  .actions {
    grid-area: actions;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }

  button,
  .settings-link {
    font: inherit;
    cursor: pointer;
  }

  .turn-off {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.5rem;
    padding: 0.375rem 0.875rem;
    border: 1px solid var(--_bay-away-text);
    border-radius: var(--_bay-radius);
    background: var(--_bay-away-text);
    color: var(--_bay-away-bg);
    font-weight: 600;
  }

  .turn-off:hover:not([aria-disabled='true']) {
    filter: brightness(1.25);
  }

  .turn-off[aria-disabled='true'] {
    cursor: progress;
  }

  .settings-link {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.5rem;
    padding: 0 0.25rem;
    border: 0;
    background: none;
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }

  .settings-link:hover {
    text-decoration-thickness: 2px;
  }

  .dismiss {
    grid-area: dismiss;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
    color: inherit;
  }

  .dismiss:hover {
    background: color-mix(in srgb, currentColor 12%, transparent);
  }

  .dismiss svg {
    inline-size: 1rem;
    block-size: 1rem;
  }

  .error {
    grid-area: error;
    margin: 0;
    padding: 0.375rem 0.75rem;
    border-inline-start: 4px solid var(--_bay-color-danger);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface);
    color: var(--_bay-color-text);
  }

  .spinner {
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (forced-colors: active) {
    .banner {
      border: 2px solid CanvasText;
    }

    .turn-off {
      border-color: ButtonText;
    }
  }
`;
