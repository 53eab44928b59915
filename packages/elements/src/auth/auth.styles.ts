import { css } from 'lit';

/**
 * The box of the sign-in and reset elements. Each element maps its component properties
 * (`--bay-login-*`, `--bay-password-reset-*`) onto the private `--_box-*` ones.
 */
export const authBoxStyles = css`
  :host {
    container: bay-auth / inline-size;
    max-inline-size: var(--_box-width);
  }

  .box {
    padding: var(--_box-padding);
    border: var(--_box-border);
    border-radius: var(--_box-radius);
    background: var(--_box-background);
    color: var(--_bay-color-text);
  }

  .box form {
    max-inline-size: none;
  }

  /* On a phone the box spans the screen: no frame, the page's own margins. */
  @container bay-auth (max-width: 24rem) {
    .box {
      padding: var(--_bay-spacing) 0;
      border: none;
      border-radius: 0;
    }

    .actions {
      flex-direction: column;
      align-items: stretch;
    }

    .actions button.link,
    .actions a.link {
      justify-content: center;
    }
  }
`;
