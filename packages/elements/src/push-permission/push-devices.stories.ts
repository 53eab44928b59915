import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoPushDevices, type MemoryClient } from '../testing/memory-client.ts';
import { settled, storyClient, storyTheme } from '../testing/story-helpers.ts';
import './bay-push-devices.ts';
import type { BayPushDevices } from './push-devices.ts';

interface Args {
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
  /** This browser is one of the devices. */
  thisBrowser: boolean;
  /** No device at all. */
  empty: boolean;
  /** The first load fails (as without a network). */
  failLoad: boolean;
}

function elementIn(canvas: HTMLElement): BayPushDevices {
  const element = canvas.querySelector('bay-push-devices');
  if (!element) throw new Error('No <bay-push-devices> in the story');
  return element;
}

const meta: Meta<Args> = {
  title: 'Push/Devices',
  component: 'bay-push-devices',
  args: { latency: 400, thisBrowser: true, empty: false, failLoad: false },
  argTypes: {
    latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
    thisBrowser: { control: 'boolean' },
    empty: { control: 'boolean' },
    failLoad: { control: 'boolean' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The browsers and devices that get the user’s browser notifications, on the in-memory client: "Send test" answers like the push service (the Firefox device’s subscription has expired, so its test removes it), and "Remove" asks first.',
      },
    },
  },
  render: (args, { globals }) => {
    const client = storyClient(globals, {
      latency: args.latency,
      pushDevices: args.empty
        ? []
        : [
            ...demoPushDevices(),
            ...(args.thisBrowser
              ? [
                  {
                    label: 'Chrome on Linux',
                    thisBrowser: true,
                    lastUsedAt: new Date(Date.now() - 3_600_000).toISOString(),
                  },
                ]
              : []),
          ],
    });
    if (args.failLoad) client.failNext({}, 'push.devices');
    return html`<bay-push-devices .client=${client} theme=${storyTheme(globals)}></bay-push-devices>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const English: Story = { globals: { locale: 'en', theme: 'light' } };

export const French: Story = { globals: { locale: 'fr' } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Phone: Story = { globals: { viewport: { value: 'phone', isRotated: false } } };

export const Empty: Story = { args: { empty: true } };

/** A test sent to the Windows desktop: the result shows beside it. */
export const TestSent: Story = {
  args: { latency: 200 },
  play: async ({ canvasElement }) => {
    const element = elementIn(canvasElement);
    await element.refresh();
    const device = element.devices?.find((entry) => entry.label === 'Chrome on Windows');
    if (device) await element.sendTest(device.id);
  },
};

/** "Remove" pressed: the confirmation. */
export const ConfirmRemove: Story = {
  args: { latency: 0 },
  play: async ({ canvasElement }) => {
    const element = elementIn(canvasElement);
    await element.refresh();
    await settled(element);
    element.shadowRoot?.querySelector<HTMLElement>('[part~="revoke-button"]')?.click();
  },
};

/** The list could not load: "Try again" loads it. */
export const LoadFailed: Story = { args: { failLoad: true } };

/** Loaded, then a reload failed: the list stays, and an alert says it may be out of date. */
export const ReloadFailed: Story = {
  args: { latency: 200 },
  play: async ({ canvasElement }) => {
    const element = elementIn(canvasElement);
    await element.refresh();
    (element.client as MemoryClient).failNext({ status: 503 }, 'push.devices');
    await element.refresh();
  },
};
