import { css } from 'lit';

/**
 * Styles every element starts from.
 *
 * Three tiers of custom properties: public tokens `--bay-*` (set by hosts, inherited through
 * shadow roots), component properties `--bay-<component>-*`, and private `--_bay-*` that each
 * element computes on its own host from the first two with a default. Only the private ones are
 * used in rules, so defaults never leak into nested elements.
 *
 * Dark defaults apply with `theme="dark"`, or with the system's dark scheme unless
 * `theme="light"` is set.
 */
export const sharedStyles = css`
  :host {
    --_bay-color-accent: var(--bay-color-accent, #1f56c7);
    --_bay-color-on-accent: var(--bay-color-on-accent, #ffffff);
    --_bay-color-surface: var(--bay-color-surface, #ffffff);
    --_bay-color-surface-raised: var(--bay-color-surface-raised, #ffffff);
    --_bay-color-surface-sunken: var(--bay-color-surface-sunken, #eef1f5);
    --_bay-color-text: var(--bay-color-text, #1a1d23);
    --_bay-color-text-muted: var(--bay-color-text-muted, #4a5261);
    --_bay-color-border: var(--bay-color-border, #858d9b);
    --_bay-color-danger: var(--bay-color-danger, #b42318);
    --_bay-color-success: var(--bay-color-success, #067647);
    --_bay-color-focus: var(--bay-color-focus, var(--bay-color-accent, #1f56c7));
    --_bay-font-family: var(
      --bay-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Helvetica Neue',
      Arial,
      sans-serif
    );
    --_bay-font-size: var(--bay-font-size, 1rem);
    --_bay-radius: var(--bay-radius, 0.5rem);
    --_bay-spacing: var(--bay-spacing, 1rem);

    color-scheme: light;
    font-family: var(--_bay-font-family);
    font-size: var(--_bay-font-size);
    line-height: 1.5;
    color: var(--_bay-color-text);
    box-sizing: border-box;
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_bay-color-accent: var(--bay-color-accent, #8ab4ff);
      --_bay-color-on-accent: var(--bay-color-on-accent, #0b1220);
      --_bay-color-surface: var(--bay-color-surface, #16181d);
      --_bay-color-surface-raised: var(--bay-color-surface-raised, #1f2228);
      --_bay-color-surface-sunken: var(--bay-color-surface-sunken, #2a2e36);
      --_bay-color-text: var(--bay-color-text, #eceef2);
      --_bay-color-text-muted: var(--bay-color-text-muted, #aab2c0);
      --_bay-color-border: var(--bay-color-border, #6b7385);
      --_bay-color-danger: var(--bay-color-danger, #ff9b91);
      --_bay-color-success: var(--bay-color-success, #6ee7a8);
      --_bay-color-focus: var(--bay-color-focus, var(--bay-color-accent, #8ab4ff));
      color-scheme: dark;
    }
  }

  :host([theme='dark']) {
    --_bay-color-accent: var(--bay-color-accent, #8ab4ff);
    --_bay-color-on-accent: var(--bay-color-on-accent, #0b1220);
    --_bay-color-surface: var(--bay-color-surface, #16181d);
    --_bay-color-surface-raised: var(--bay-color-surface-raised, #1f2228);
    --_bay-color-surface-sunken: var(--bay-color-surface-sunken, #2a2e36);
    --_bay-color-text: var(--bay-color-text, #eceef2);
    --_bay-color-text-muted: var(--bay-color-text-muted, #aab2c0);
    --_bay-color-border: var(--bay-color-border, #6b7385);
    --_bay-color-danger: var(--bay-color-danger, #ff9b91);
    --_bay-color-success: var(--bay-color-success, #6ee7a8);
    --_bay-color-focus: var(--bay-color-focus, var(--bay-color-accent, #8ab4ff));
    color-scheme: dark;
  }

  :host([hidden]) {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  :focus-visible {
    outline: 2px solid var(--_bay-color-focus);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition-duration: 0.01ms !important;
      animation-duration: 0.01ms !important;
    }
  }
`;
