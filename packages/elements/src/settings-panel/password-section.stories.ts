import { BaylinkError } from '@baylink/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MemoryClient } from '../testing/memory-client.ts';
import { settled, storyClient, storyTheme } from '../testing/story-helpers.ts';
import './bay-password-section.ts';
import type { BayPasswordSection } from './password-section.ts';

interface Args {
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
  /** The account's shortest password. */
  minLength: number;
  /** The account also asks for upper and lower case letters. */
  requireMixedCase: boolean;
  /** The account also asks for a symbol. */
  requireSymbol: boolean;
  /** The account signs its users in through the host (the section does not apply). */
  hostIdentity: boolean;
}

function sectionIn(canvas: HTMLElement): BayPasswordSection {
  const element = canvas.querySelector('bay-password-section');
  if (!element) throw new Error('No <bay-password-section> in the story');
  return element;
}

/** Waits for the account's rule, then types into the named fields as a user would. */
async function fill(element: BayPasswordSection, values: Record<string, string>): Promise<void> {
  for (let tries = 0; tries < 100 && !element.shadowRoot?.querySelector('form'); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const [name, value] of Object.entries(values)) {
    const input = element.shadowRoot?.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    if (!input) continue;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await element.updateComplete;
  }
}

const meta: Meta<Args> = {
  title: 'Settings/Password section',
  component: 'bay-password-section',
  args: {
    latency: 400,
    minLength: 6,
    requireMixedCase: false,
    requireSymbol: false,
    hostIdentity: false,
  },
  argTypes: {
    latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
    minLength: { control: { type: 'range', min: 6, max: 20, step: 1 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The "Change password" settings on the in-memory client (`@baylink/elements/testing`). The demo user’s current password is `baylink-demo-1`.',
      },
    },
  },
  render: (args, { globals }) => {
    const client = storyClient(globals, {
      latency: args.latency,
      auth: {
        enabled: !args.hostIdentity,
        policy: {
          minLength: args.minLength,
          requireMixedCase: args.requireMixedCase,
          requireSymbol: args.requireSymbol,
        },
        changedAt: '2026-02-03T14:00:00.000Z',
      },
    });
    return html`<bay-password-section
      .client=${client}
      theme=${storyTheme(globals)}
    ></bay-password-section>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The article's rule: at least 6 characters, letters and numbers. */
export const Default: Story = {};

export const French: Story = { globals: { locale: 'fr' } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Phone: Story = { globals: { viewport: { value: 'phone', isRotated: false } } };

export const Desktop: Story = { globals: { viewport: { value: 'desktop', isRotated: false } } };

/** A stricter account rule, half met: ✓ and ✗ per rule as the user types. */
export const StricterRule: Story = {
  args: { minLength: 12, requireMixedCase: true, requireSymbol: true },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await fill(element, { password: 'winter2026' });
  },
};

/** Checked before sending: the confirmation does not match, the current password is missing. */
export const Errors: Story = {
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await fill(element, { password: 'winter-2026', confirmation: 'winter-2025' });
    await element.save();
  },
};

/** The API refused the current password: its answer shows on the field. */
export const WrongCurrentPassword: Story = {
  args: { latency: 200 },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await fill(element, {
      password: 'winter-2026',
      confirmation: 'winter-2026',
      current: 'not-my-password',
    });
    await element.save();
  },
};

/** "Change password" pressed; the API has not answered yet. */
export const Saving: Story = {
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await fill(element, {
      password: 'winter-2026',
      confirmation: 'winter-2026',
      current: 'baylink-demo-1',
    });
    (element.activeClient as MemoryClient).hold();
    void element.save();
    await settled(element);
  },
};

/** Changed: the fields are cleared and a polite status says so. */
export const Saved: Story = {
  args: { latency: 200 },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await fill(element, {
      password: 'winter-2026',
      confirmation: 'winter-2026',
      current: 'baylink-demo-1',
    });
    await element.save();
  },
};

/** Too many attempts: the API answered 429 with `Retry-After: 300`. */
export const RateLimited: Story = {
  args: { latency: 200 },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    const limited = new BaylinkError({
      status: 429,
      code: 'rate_limited',
      message: 'Too many attempts',
    });
    Object.assign(limited, { retryAfter: 300 });
    await fill(element, {
      password: 'winter-2026',
      confirmation: 'winter-2026',
      current: 'baylink-demo-1',
    });
    (element.activeClient as MemoryClient).failNext(limited, 'auth.changePassword');
    await element.save();
  },
};

/** The account signs in through the host: a notice instead of the form. */
export const HostIdentity: Story = { args: { hostIdentity: true } };
