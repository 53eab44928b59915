import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';

/** Paints the canvas in the toolbar's theme, so dark stories sit on a dark page. */
const themedCanvas: Decorator = (story, { globals }) => {
  const dark = globals.theme === 'dark';
  return html`<div
    style="min-height: 100vh; padding: 1rem; box-sizing: border-box; color-scheme: ${dark ? 'dark' : 'light'}; background: ${dark ? '#0e1014' : '#f4f6f9'}"
  >
    ${story()}
  </div>`;
};

const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'The signed-in user’s preferred language',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'fr', title: 'Français' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Colour theme of the elements',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'light' },
  decorators: [themedCanvas],
  parameters: {
    layout: 'fullscreen',
    viewport: {
      options: {
        phone: {
          name: 'Phone (375px)',
          styles: { width: '375px', height: '812px' },
          type: 'mobile',
        },
        desktop: {
          name: 'Desktop (1280px)',
          styles: { width: '1280px', height: '800px' },
          type: 'desktop',
        },
      },
    },
  },
};

export default preview;
