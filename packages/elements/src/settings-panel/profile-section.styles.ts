import { css } from 'lit';

export const profileSectionStyles = css`
  :host {
    --_avatar-size: var(--bay-profile-section-avatar-size, 7.5rem);
    display: block;
    container: bay-profile-section / inline-size;
    background: var(--bay-profile-section-background, var(--_bay-color-surface));
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

  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_bay-spacing) * 1.5);
    align-items: start;
  }

  @container bay-profile-section (min-width: 40rem) {
    .layout {
      grid-template-columns: var(--bay-profile-section-photo-width, 13rem) minmax(0, 1fr);
    }
  }

  /* Photo */

  .photo {
    display: grid;
    justify-items: start;
    gap: calc(var(--_bay-spacing) * 0.75);
  }

  .photo-label {
    font-weight: 600;
  }

  .avatar {
    display: grid;
    place-items: center;
    inline-size: var(--_avatar-size);
    block-size: var(--_avatar-size);
    border-radius: 50%;
    object-fit: cover;
    background: var(--_bay-color-surface-sunken);
    color: var(--_bay-color-text);
    font-size: calc(var(--_avatar-size) * 0.36);
    font-weight: 600;
    letter-spacing: 0.02em;
    user-select: none;
  }

  .avatar.pending {
    opacity: 0.7;
  }

  .progress {
    display: flex;
    align-items: center;
    gap: 0.5em;
    inline-size: 100%;
    max-inline-size: 16rem;
    font-size: 0.875em;
    color: var(--_bay-color-text-muted);
  }

  progress {
    flex: 1;
    block-size: 0.5rem;
    accent-color: var(--_bay-color-accent);
  }

  .photo-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  /* Form */

  form {
    display: grid;
    gap: var(--_bay-spacing);
    max-inline-size: 36rem;
  }

  .field {
    display: grid;
    gap: 0.25rem;
  }

  label {
    font-weight: 600;
  }

  .optional {
    font-weight: 400;
    color: var(--_bay-color-text-muted);
  }

  input,
  select {
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_bay-color-border);
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-raised);
    color: var(--_bay-color-text);
    font: inherit;
  }

  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_bay-color-danger);
    border-width: 2px;
  }

  .hint {
    margin: 0;
    font-size: 0.875em;
    color: var(--_bay-color-text-muted);
  }

  .error,
  .photo-error {
    margin: 0;
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_bay-color-danger);
  }

  /* Buttons */

  /* Messages */

  /* Live regions stay rendered (even empty) so that screen readers notice their changes. */

`;
