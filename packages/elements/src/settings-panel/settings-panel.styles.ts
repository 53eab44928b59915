import { css } from 'lit';

export const settingsPanelStyles = css`
  :host {
    display: block;
    container: bay-settings-panel / inline-size;
  }

  .base {
    display: grid;
    gap: calc(var(--_bay-spacing) * 1.5);
    max-inline-size: var(--bay-settings-panel-max-width, 64rem);
    padding: var(--bay-settings-panel-padding, calc(var(--_bay-spacing) * 1.5));
    border: var(--bay-settings-panel-border, 1px solid var(--_bay-color-border));
    border-radius: var(--bay-settings-panel-radius, var(--_bay-radius));
    background: var(--bay-settings-panel-background, var(--_bay-color-surface));
    color: var(--_bay-color-text);
  }

  @container bay-settings-panel (max-width: 30rem) {
    .base {
      padding: var(--bay-settings-panel-padding, var(--_bay-spacing));
      border-inline: none;
      border-radius: 0;
    }
  }

  .header {
    margin: 0;
  }

  h2 {
    margin: 0;
    font-size: var(--bay-settings-panel-heading-size, 1.5em);
    font-weight: 700;
    line-height: 1.25;
  }

  .nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
    border-block-end: 1px solid var(--_bay-color-border);
  }

  .nav button {
    min-block-size: 2.75rem;
    padding: 0.5rem 1rem;
    border: none;
    border-block-end: 3px solid transparent;
    background: none;
    color: var(--_bay-color-text-muted);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  .nav button[aria-current='page'] {
    border-block-end-color: var(--_bay-color-accent);
    color: var(--_bay-color-text);
  }

  bay-profile-section {
    --bay-profile-section-background: transparent;
  }
`;
