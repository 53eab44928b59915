import { css } from 'lit';

export const userNameStyles = css`
  /* A name sits in the host's text: it takes the surrounding font and colour. */
  :host {
    display: inline;
    font: inherit;
    line-height: inherit;
    color: inherit;
  }

  .base {
    display: inline;
  }

  /* Away: the name in yellow (a highlight with dark text and a yellow underline) with a clock. */
  .base.away {
    padding-block: 0.05em;
    padding-inline: 0.25em 0.15em;
    border-radius: 0.25em;
    background: var(--_bay-away-bg);
    color: var(--_bay-away-text);
    box-shadow: inset 0 -0.125em 0 var(--_bay-away-color);
    box-decoration-break: clone;
    -webkit-box-decoration-break: clone;
  }

  .clock {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    margin-inline-start: 0.25em;
    border-radius: 50%;
    vertical-align: -0.125em;
    color: var(--_bay-away-text);
    cursor: help;
  }

  .clock-icon {
    display: block;
    inline-size: 1em;
    block-size: 1em;
  }

  .clock:focus-visible {
    outline: 2px solid var(--_bay-color-focus);
    outline-offset: 1px;
  }

  /* The bubble: a popover in the top layer, placed by script next to the clock. */
  .tooltip {
    position: fixed;
    inset: auto;
    margin: 0;
    overflow: visible;
    box-sizing: border-box;
    max-inline-size: min(var(--bay-user-name-tooltip-width, 24rem), calc(100vw - 0.5rem));
    inline-size: max-content;
    padding: 0.375rem 0.625rem;
    border: 1px solid var(--_bay-away-color);
    border-radius: var(--_bay-radius);
    background: var(--_bay-away-bg);
    color: var(--_bay-away-text);
    font-family: var(--_bay-font-family);
    font-size: 0.875rem;
    font-weight: 500;
    font-style: normal;
    line-height: 1.4;
    text-align: start;
    white-space: normal;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.18);
  }

  /* A strip between the clock and the bubble that keeps the pointer "on" the bubble. */
  .tooltip::before {
    content: '';
    position: absolute;
    inset-inline: 0;
    block-size: 8px;
    inset-block-start: -8px;
  }

  .tooltip[data-placement='above']::before {
    inset-block-start: auto;
    inset-block-end: -8px;
  }

  .tooltip:not(:popover-open):not(.open) {
    display: none;
  }

  @media (forced-colors: active) {
    .base.away {
      border: 1px solid CanvasText;
    }

    .tooltip {
      border-color: CanvasText;
    }
  }
`;
