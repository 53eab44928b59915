import { css } from 'lit';
import { authBoxStyles } from './auth.styles.ts';

export const authStyles = [
  authBoxStyles,
  css`
    :host {
      --_box-width: var(--bay-login-width, 26rem);
      --_box-background: var(--bay-login-background, var(--_bay-color-surface));
      --_box-padding: var(--bay-login-padding, calc(var(--_bay-spacing) * 1.5));
      --_box-border: var(--bay-login-border, 1px solid var(--_bay-color-border));
      --_box-radius: var(--bay-login-radius, var(--_bay-radius));
    }
  `,
];
