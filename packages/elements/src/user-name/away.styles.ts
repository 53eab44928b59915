import { css } from 'lit';

/**
 * The away colours, shared by `<bay-user-name>` and `<bay-away-banner>`: public tokens
 * `--bay-away-color` (the yellow of the underline, border and clock), `--bay-away-bg` (the
 * highlight and bubble) and `--bay-away-text` (dark text on it, so contrast holds), with light
 * and dark defaults.
 */
export const awayStyles = css`
  :host {
    --_bay-away-color: var(--bay-away-color, #e0a800);
    --_bay-away-bg: var(--bay-away-bg, #fff3bf);
    --_bay-away-text: var(--bay-away-text, #3d2e00);
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_bay-away-color: var(--bay-away-color, #f5c518);
      --_bay-away-bg: var(--bay-away-bg, #4a3b00);
      --_bay-away-text: var(--bay-away-text, #fff1b8);
    }
  }

  :host([theme='dark']) {
    --_bay-away-color: var(--bay-away-color, #f5c518);
    --_bay-away-bg: var(--bay-away-bg, #4a3b00);
    --_bay-away-text: var(--bay-away-text, #fff1b8);
  }
`;
