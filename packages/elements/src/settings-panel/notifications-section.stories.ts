import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { demoPushDevices } from '../testing/memory-client.ts';
import { settled, storyClient, storyTheme } from '../testing/story-helpers.ts';
import './bay-notifications-section.ts';
import type { BrowserName, BrowserPermission } from './browser-permission.ts';
import type { BayNotificationsSection } from './notifications-section.ts';

interface Args {
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
  /** The browser's notification permission to explain (`detected`: this browser's). */
  permission: BrowserPermission | 'detected';
  /** The browser whose steps show when blocked (`detected`: this one). */
  browser: BrowserName | 'detected';
  /** The first change the user makes is refused by the API (and rolled back). */
  failSave: boolean;
  /** The user has browsers and phones that get browser notifications. */
  devices: boolean;
  /** Quiet hours are on (weeknights 22:00–07:00). */
  quietHours: boolean;
}

function sectionIn(canvas: HTMLElement): BayNotificationsSection {
  const element = canvas.querySelector('bay-notifications-section');
  if (!element) throw new Error('No <bay-notifications-section> in the story');
  return element;
}

const meta: Meta<Args> = {
  title: 'Settings/Notifications section',
  component: 'bay-notifications-section',
  args: {
    latency: 300,
    permission: 'detected',
    browser: 'detected',
    failSave: false,
    devices: true,
    quietHours: false,
  },
  argTypes: {
    latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
    permission: {
      control: 'inline-radio',
      options: ['detected', 'granted', 'default', 'denied', 'unsupported'],
    },
    browser: {
      control: 'inline-radio',
      options: ['detected', 'chrome', 'edge', 'firefox', 'safari', 'other'],
    },
    failSave: { control: 'boolean' },
    devices: { control: 'boolean' },
    quietHours: { control: 'boolean' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Every notification type of the catalog against In-app, Browser, Email and Mobile, saved as you toggle (on the in-memory client). Tab into the grid, then use the arrow keys, Home/End and Space. Above it, browser notifications for this (simulated) browser; below it, the Devices list and quiet hours with their own Save. Set "permission" to explain a host-given permission instead (Baylink in a cross-origin frame). Use the toolbar for language, theme and a phone viewport (the matrix becomes a list per category).',
      },
    },
  },
  render: (args, { globals }) => {
    const client = storyClient(globals, {
      latency: args.latency,
      pushDevices: args.devices ? demoPushDevices() : [],
      quietHours: args.quietHours
        ? { enabled: true, start: '22:00', end: '07:00', days: [1, 2, 3, 4, 5] }
        : {},
    });
    if (args.failSave) client.failNext({ status: 503 }, 'preferences.update');
    return html`<bay-notifications-section
      .client=${client}
      theme=${storyTheme(globals)}
      notification-permission=${ifDefined(args.permission === 'detected' ? undefined : args.permission)}
      browser=${ifDefined(args.browser === 'detected' ? undefined : args.browser)}
    ></bay-notifications-section>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** English, light theme, desktop. */
export const English: Story = {
  globals: { locale: 'en', theme: 'light', viewport: { value: 'desktop', isRotated: false } },
};

/** French labels from the catalog (notification-types.json). */
export const French: Story = { globals: { locale: 'fr' } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const FrenchDark: Story = { globals: { locale: 'fr', theme: 'dark' } };

/** A list per category, each type with its channels as labelled switches. */
export const Phone: Story = { globals: { viewport: { value: 'phone', isRotated: false } } };

export const PhoneFrenchDark: Story = {
  globals: { locale: 'fr', theme: 'dark', viewport: { value: 'phone', isRotated: false } },
};

/** The browser blocks notifications: the steps to allow them again, for Chrome. */
export const BrowserBlocked: Story = { args: { permission: 'denied', browser: 'chrome' } };

/** The same in Firefox, in French. */
export const BrowserBlockedFirefoxFrench: Story = {
  args: { permission: 'denied', browser: 'firefox' },
  globals: { locale: 'fr' },
};

/** Not asked yet: the Browser channel needs the user's permission. */
export const BrowserNotAskedYet: Story = { args: { permission: 'default' } };

/** Toggle any switch: the API refuses, the switch goes back, and an alert names it. */
export const FailingSave: Story = { args: { failSave: true, latency: 600 } };

/** Quiet hours on, weeknights: the summary says when notifications wait. */
export const QuietHoursOn: Story = { args: { quietHours: true } };

/** Quiet hours in French, on a phone. */
export const QuietHoursFrenchPhone: Story = {
  args: { quietHours: true },
  globals: { locale: 'fr', viewport: { value: 'phone', isRotated: false } },
};

/** Quiet hours edited with an end equal to the start: the field's error after Save. */
export const QuietHoursError: Story = {
  args: { latency: 0 },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await settled(element);
    const end = await new Promise<HTMLInputElement | null>((resolve) => {
      const started = Date.now();
      const look = () => {
        const found = element.shadowRoot?.querySelector<HTMLInputElement>('[name="end"]');
        if (found || Date.now() - started > 3000) resolve(found ?? null);
        else requestAnimationFrame(look);
      };
      look();
    });
    if (!end) return;
    end.value = '22:00';
    end.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await element.saveQuietHours();
  },
};

/** No device gets browser notifications yet. */
export const NoDevices: Story = { args: { devices: false } };
