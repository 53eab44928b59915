import type { PushUnsupportedReason } from '@baylink/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { BrowserName } from '../settings-panel/browser-permission.ts';
import type { MemoryClient, SimulatedPermission } from '../testing/memory-client.ts';
import { settled, storyClient, storyTheme } from '../testing/story-helpers.ts';
import './bay-push-devices.ts';
import './bay-push-permission.ts';
import type { BayPushPermission } from './push-permission.ts';

interface Args {
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
  /** The browser's permission for the site (simulated). */
  permission: SimulatedPermission;
  /** What the next permission prompt answers. */
  prompt: SimulatedPermission;
  /** Why push is not available here (`none`: it is). */
  unsupported: PushUnsupportedReason | 'none';
  /** This browser is already subscribed. */
  subscribed: boolean;
  /** The browser whose steps show when blocked (`detected`: this one). */
  browser: BrowserName | 'detected';
  /** What a test push to this browser does. */
  test: 'sent' | 'gone' | 'failed';
}

function elementIn(canvas: HTMLElement): BayPushPermission {
  const element = canvas.querySelector('bay-push-permission');
  if (!element) throw new Error('No <bay-push-permission> in the story');
  return element;
}

const meta: Meta<Args> = {
  title: 'Push/Push permission',
  component: 'bay-push-permission',
  args: {
    latency: 400,
    permission: 'default',
    prompt: 'granted',
    unsupported: 'none',
    subscribed: false,
    browser: 'detected',
    test: 'sent',
  },
  argTypes: {
    latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
    permission: { control: 'inline-radio', options: ['default', 'granted', 'denied'] },
    prompt: { control: 'inline-radio', options: ['granted', 'denied', 'default'] },
    unsupported: {
      control: 'select',
      options: [
        'none',
        'ios-needs-home-screen',
        'cross-origin-frame',
        'insecure-context',
        'no-push-api',
      ],
    },
    subscribed: { control: 'boolean' },
    browser: {
      control: 'inline-radio',
      options: ['detected', 'chrome', 'edge', 'firefox', 'safari', 'ios', 'other'],
    },
    test: { control: 'inline-radio', options: ['sent', 'gone', 'failed'] },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Browser notifications for this browser, on the in-memory client: the browser is simulated (permission, what the prompt answers, why push may not be available), so every state shows without touching your real browser. Click "Turn on browser notifications" to see the prompt answer; a script cannot ask, only a click.',
      },
    },
  },
  render: (args, { globals }) => {
    const client = storyClient(globals, {
      latency: args.latency,
      browserPush: {
        supported: args.unsupported === 'none',
        reason: args.unsupported === 'none' ? null : args.unsupported,
        permission: args.permission,
        prompt: args.prompt,
      },
      pushDevices: args.subscribed
        ? [{ label: 'Chrome on Windows', thisBrowser: true, test: args.test }]
        : [],
    });
    return html`<bay-push-permission
      .client=${client}
      theme=${storyTheme(globals)}
      browser=${ifDefined(args.browser === 'detected' ? undefined : args.browser)}
    ></bay-push-permission>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Not asked yet: the button asks (and the simulated browser answers "Allow"). */
export const NotAllowedYet: Story = { globals: { locale: 'en', theme: 'light' } };

export const French: Story = { globals: { locale: 'fr' } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Phone: Story = { globals: { viewport: { value: 'phone', isRotated: false } } };

/** On for this browser: "Send a test" and "Turn off on this browser". */
export const On: Story = { args: { permission: 'granted', subscribed: true } };

/** Allowed for the site, but this browser is not subscribed (turned off earlier). */
export const Off: Story = { args: { permission: 'granted' } };

/** Blocked: the steps to allow notifications again, for Chrome. */
export const BlockedChrome: Story = { args: { permission: 'denied', browser: 'chrome' } };

/** Blocked in a Home Screen app on an iPhone, in French. */
export const BlockedIosFrench: Story = {
  args: { permission: 'denied', browser: 'ios' },
  globals: { locale: 'fr' },
};

/** An iPhone in Safari: the site must be added to the Home Screen first. */
export const UnsupportedIos: Story = { args: { unsupported: 'ios-needs-home-screen' } };

/** Inside a cross-origin iframe: browsers refuse the prompt there. */
export const UnsupportedFrame: Story = { args: { unsupported: 'cross-origin-frame' } };

/** A page over plain http. */
export const UnsupportedInsecure: Story = { args: { unsupported: 'insecure-context' } };

/** The user answers "Block" to the prompt: click the button. */
export const PromptBlocked: Story = { args: { prompt: 'denied', browser: 'firefox' } };

/** Turning on: the API has not answered yet. */
export const Busy: Story = {
  args: { permission: 'granted' },
  play: async ({ canvasElement }) => {
    const element = elementIn(canvasElement);
    await settled(element);
    await element.refresh();
    (element.client as MemoryClient).hold();
    void element.enable();
    await settled(element);
  },
};

/** Turning on failed: the alert says so and the button tries again. */
export const TurnOnFailed: Story = {
  args: { permission: 'granted', latency: 200 },
  play: async ({ canvasElement }) => {
    const element = elementIn(canvasElement);
    await settled(element);
    await element.refresh();
    (element.client as MemoryClient).failNext({ status: 503 }, 'push.enable');
    await element.enable();
  },
};

/** A test to a subscription that expired: this browser must subscribe again. */
export const TestGone: Story = {
  args: { permission: 'granted', subscribed: true, test: 'gone', latency: 200 },
  play: async ({ canvasElement }) => {
    const element = elementIn(canvasElement);
    await settled(element);
    await element.refresh();
    await element.sendTest();
  },
};

/** With the devices list beside it: turning this browser on adds it to the list. */
export const WithDevices: Story = {
  render: (args, { globals }) => {
    const client = storyClient(globals, {
      latency: args.latency,
      pushDevices: [
        {
          label: 'Chrome on Windows',
          lastUsedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        },
        { label: 'Safari on iOS', lastUsedAt: null },
      ],
    });
    return html`<div style="display: grid; gap: 1.5rem; max-width: 48rem">
      <bay-push-permission .client=${client} theme=${storyTheme(globals)}></bay-push-permission>
      <bay-push-devices .client=${client} theme=${storyTheme(globals)}></bay-push-devices>
    </div>`;
  },
};
