import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { SAMPLE_PHOTO_URL } from '../testing/memory-client.ts';
import { storyClient, storyTheme } from '../testing/story-helpers.ts';
import './bay-settings-panel.ts';

interface Args {
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
  /** Whether the user has a photo. */
  withPhoto: boolean;
  /** The section shown. */
  section: string;
}

const meta: Meta<Args> = {
  title: 'Settings/Settings panel',
  component: 'bay-settings-panel',
  args: { latency: 600, withPhoto: true, section: 'profile' },
  argTypes: {
    latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
    withPhoto: { control: 'boolean' },
    section: { control: 'select', options: ['profile'] },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The signed-in user’s settings ("Your settings"), running on the in-memory client. Use the toolbar to switch language, theme and viewport; save French as preferred language to see the panel switch at once.',
      },
    },
  },
  render: (args, { globals }) => {
    const client = storyClient(globals, {
      latency: args.latency,
      me: { photoUrl: args.withPhoto ? SAMPLE_PHOTO_URL : null },
    });
    return html`<bay-settings-panel
      .client=${client}
      section=${args.section}
      theme=${storyTheme(globals)}
    ></bay-settings-panel>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** English, light theme. */
export const English: Story = { globals: { locale: 'en', theme: 'light' } };

export const French: Story = { globals: { locale: 'fr' } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Phone: Story = { globals: { viewport: { value: 'phone', isRotated: false } } };

export const Desktop: Story = { globals: { viewport: { value: 'desktop', isRotated: false } } };

export const WithoutPhoto: Story = { args: { withPhoto: false } };

/** Hosts restyle it with `--bay-*` tokens, `--bay-settings-panel-*` properties and `::part()`. */
export const Themed: Story = {
  render: (args, context) =>
    html`<style>
        .brand {
          --bay-color-accent: #8a1538;
          --bay-font-family: Georgia, 'Times New Roman', serif;
          --bay-radius: 2px;
          --bay-settings-panel-max-width: 52rem;
          --bay-settings-panel-border: 2px solid #8a1538;
        }
        .brand bay-settings-panel::part(avatar) {
          border-radius: 0.5rem;
        }
      </style>
      <div class="brand">${meta.render?.(args, context)}</div>`,
};
