import { css } from 'lit';

export const passwordSectionStyles = css`
  :host {
    --_form-width: var(--bay-password-section-form-width, 28rem);
    background: var(--bay-password-section-background, var(--_bay-color-surface));
  }
`;
