import { css } from 'lit';

export const pushPermissionStyles = css`
  :host {
    --_on: var(--bay-push-permission-on, var(--_bay-color-success));
    --_blocked: var(--bay-push-permission-blocked, var(--_bay-color-danger));
    display: block;
    container: bay-push-permission / inline-size;
    background: var(--bay-push-permission-background, var(--_bay-color-surface));
    color: var(--_bay-color-text);
  }

  .base {
    position: relative;
    display: grid;
    gap: calc(var(--_bay-spacing) * 0.625);
    max-inline-size: 48rem;
  }

  .heading {
    font-size: 1.0625em;
    font-weight: 650;
    line-height: 1.3;
  }

  p {
    margin: 0;
  }

  .state {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 650;
  }

  .state-icon {
    flex: none;
    color: var(--_bay-color-text-muted);
  }

  .state[data-state='on'] .state-icon {
    color: var(--_on);
  }

  .state[data-state='blocked'] .state-icon,
  .state[data-state='error'] .state-icon {
    color: var(--_blocked);
  }

  .description {
    display: grid;
    gap: 0.375rem;
    color: var(--_bay-color-text-muted);
  }

  .description[data-browser],
  .description[data-reason] {
    padding: 0.75rem 1rem;
    border: 1px solid var(--_bay-color-border);
    border-inline-start-width: 4px;
    border-radius: var(--_bay-radius);
    background: var(--_bay-color-surface-sunken);
    color: var(--_bay-color-text);
  }

  .description[data-browser] {
    border-inline-start-color: var(--_blocked);
  }

  .steps {
    margin: 0;
    padding-inline-start: 1.25rem;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 0.75rem;
  }

  /* A phone: full-width buttons are easier to reach with a thumb. */
  @container bay-push-permission (max-width: 30rem) {
    .actions {
      flex-direction: column;
      align-items: stretch;
    }
  }

  /* Empty live regions stay in the accessibility tree (so changes are heard) but take no room. */
  .status:empty,
  .alert:empty {
    position: absolute;
  }
`;
