import { css } from 'lit';
import { authBoxStyles } from './auth.styles.ts';

export const passwordResetStyles = [
  authBoxStyles,
  css`
    :host {
      --_box-width: var(--bay-password-reset-width, 26rem);
      --_box-background: var(--bay-password-reset-background, var(--_bay-color-surface));
      --_box-padding: var(--bay-password-reset-padding, calc(var(--_bay-spacing) * 1.5));
      --_box-border: var(--bay-password-reset-border, 1px solid var(--_bay-color-border));
      --_box-radius: var(--bay-password-reset-radius, var(--_bay-radius));
    }
  `,
];
