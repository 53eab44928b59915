import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { SAMPLE_PHOTO_URL } from '../testing/memory-client.ts';
import { settled, storyClient, storyTheme } from '../testing/story-helpers.ts';
import './bay-settings-panel.ts';
import type { BrowserPermission } from './browser-permission.ts';
import type { BayNotificationsSection } from './notifications-section.ts';
import type { BaySettingsPanel } from './settings-panel.ts';

interface Args {
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
  /** Whether the user has a photo. */
  withPhoto: boolean;
  /** The section shown (deep link). */
  section: string;
  /** Only these sections, space-separated (empty: every one). */
  sections: string;
  /** Whether the account uses Baylink passwords (the Password section shows only then). */
  baylinkPasswords: boolean;
  /** The first notification preference change is refused by the API. */
  failSave: boolean;
}

const meta: Meta<Args> = {
  title: 'Settings/Settings panel',
  component: 'bay-settings-panel',
  args: {
    latency: 300,
    withPhoto: true,
    section: 'profile',
    sections: '',
    baylinkPasswords: true,
    failSave: false,
  },
  argTypes: {
    latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
    withPhoto: { control: 'boolean' },
    section: {
      control: 'select',
      options: ['profile', 'password', 'signature', 'notifications'],
    },
    sections: { control: 'text' },
    baylinkPasswords: { control: 'boolean' },
    failSave: { control: 'boolean' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The signed-in user’s settings ("Your settings"), running on the in-memory client. Use the toolbar to switch language, theme and viewport (on a phone the tabs become a list that drills down). Edit the profile, then pick another tab to see the "Discard changes?" guard; save French as preferred language to see the panel switch at once.',
      },
    },
  },
  render: (args, { globals }) => {
    const client = storyClient(globals, {
      latency: args.latency,
      me: { photoUrl: args.withPhoto ? SAMPLE_PHOTO_URL : null },
      auth: { enabled: args.baylinkPasswords },
    });
    if (args.failSave) client.failNext({ status: 503 }, 'preferences.update');
    return html`<bay-settings-panel
      .client=${client}
      section=${ifDefined(args.section || undefined)}
      sections=${ifDefined(args.sections || undefined)}
      theme=${storyTheme(globals)}
    ></bay-settings-panel>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Sets the permission the notifications section explains, once it shows. */
function withPermission(permission: BrowserPermission): Story['play'] {
  return async ({ canvasElement }) => {
    const panel = canvasElement.querySelector<BaySettingsPanel>('bay-settings-panel');
    await settled(panel);
    const section = panel?.sectionElement as BayNotificationsSection | null;
    if (section) section.notificationPermission = permission;
  };
}

/** English, light theme. */
export const English: Story = { globals: { locale: 'en', theme: 'light' } };

export const French: Story = { globals: { locale: 'fr' } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Desktop: Story = { globals: { viewport: { value: 'desktop', isRotated: false } } };

/** The sections as a list; choose one to drill in, "All settings" to come back. */
export const Phone: Story = {
  args: { section: '' },
  globals: { viewport: { value: 'phone', isRotated: false } },
};

export const PhoneFrenchDark: Story = {
  args: { section: '' },
  globals: { locale: 'fr', theme: 'dark', viewport: { value: 'phone', isRotated: false } },
};

/** Deep link: `section="notifications"`. */
export const Notifications: Story = { args: { section: 'notifications' } };

export const NotificationsFrench: Story = {
  args: { section: 'notifications' },
  globals: { locale: 'fr' },
};

export const NotificationsDark: Story = {
  args: { section: 'notifications' },
  globals: { theme: 'dark' },
};

/** Phone width, deep-linked: the back button and the matrix as a list per category. */
export const NotificationsPhone: Story = {
  args: { section: 'notifications' },
  globals: { viewport: { value: 'phone', isRotated: false } },
};

/** The browser blocks notifications: the steps to allow them again. */
export const NotificationsBrowserBlocked: Story = {
  args: { section: 'notifications' },
  play: withPermission('denied'),
};

/** Toggle a switch: the API refuses, the switch goes back and an alert names it. */
export const NotificationsFailingSave: Story = {
  args: { section: 'notifications', failSave: true, latency: 600 },
};

/** The account signs its users in through the host: no Password section. */
export const HostSignIn: Story = { args: { baylinkPasswords: false } };

/** `sections="notifications signature"`: only those, in that order. */
export const SomeSections: Story = { args: { sections: 'notifications signature', section: '' } };

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
