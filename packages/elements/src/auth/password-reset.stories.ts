import { BaylinkError } from '@baylink/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MemoryClient } from '../testing/memory-client.ts';
import { storyClient, storyTheme } from '../testing/story-helpers.ts';
import './bay-password-reset.ts';
import type { BayPasswordReset } from './password-reset.ts';

interface Args {
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
  /** Give the element a working link (otherwise an unknown token). */
  validLink: boolean;
}

function resetIn(canvas: HTMLElement): BayPasswordReset {
  const element = canvas.querySelector('bay-password-reset');
  if (!element) throw new Error('No <bay-password-reset> in the story');
  return element;
}

async function fill(element: BayPasswordReset, values: Record<string, string>): Promise<void> {
  await element.updateComplete;
  for (const [name, value] of Object.entries(values)) {
    const input = element.shadowRoot?.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    if (!input) continue;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await element.updateComplete;
  }
}

const meta: Meta<Args> = {
  title: 'Identity/Password reset',
  component: 'bay-password-reset',
  args: { latency: 400, validLink: true },
  argTypes: { latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } } },
  parameters: {
    docs: {
      description: {
        component:
          'The page a reset link opens, on the in-memory client. With "validLink" the story asks the memory client for a reset mail and uses its token.',
      },
    },
  },
  render: (args, { globals }) => {
    const client = storyClient(globals, { latency: args.latency });
    const element = document.createElement('bay-password-reset');
    element.client = client;
    element.setAttribute('lang', globals.locale === 'fr' ? 'fr' : 'en');
    element.setAttribute('theme', storyTheme(globals));
    element.setAttribute('account-id', client.profile.accountId);
    element.setAttribute('login-url', '#sign-in');
    element.token = 'x'.repeat(24);
    if (args.validLink) {
      const latency = client.latency;
      client.latency = 0;
      void client.auth
        .requestReset({
          accountId: client.profile.accountId,
          email: client.profile.email ?? '',
          resetUrl: 'https://portal.example.com/reset?token={token}',
        })
        .then(() => {
          client.latency = latency;
          element.token = client.passwordAuth.mails.at(-1)?.token;
        });
    }
    return html`${element}`;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const NewPassword: Story = {};

export const French: Story = { globals: { locale: 'fr' } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Phone: Story = { globals: { viewport: { value: 'phone', isRotated: false } } };

export const Desktop: Story = { globals: { viewport: { value: 'desktop', isRotated: false } } };

/** Rules checked as the user types, and a confirmation that does not match. */
export const Errors: Story = {
  play: async ({ canvasElement }) => {
    const element = resetIn(canvasElement);
    await fill(element, { password: 'summer', confirmation: 'summer1' });
    await element.save();
  },
};

/** Saved: the way back to sign-in. */
export const Done: Story = {
  args: { latency: 100 },
  play: async ({ canvasElement }) => {
    const element = resetIn(canvasElement);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fill(element, { password: 'summer-2026', confirmation: 'summer-2026' });
    await element.save();
  },
};

/** A link already used, expired or unknown: the API refused it when the user saved. */
export const InvalidLink: Story = {
  args: { validLink: false, latency: 100 },
  play: async ({ canvasElement }) => {
    const element = resetIn(canvasElement);
    await fill(element, { password: 'summer-2026', confirmation: 'summer-2026' });
    await element.save();
  },
};

/** Too many attempts: the API answered 429 with `Retry-After: 120`. */
export const RateLimited: Story = {
  args: { latency: 100 },
  play: async ({ canvasElement }) => {
    const element = resetIn(canvasElement);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const limited = new BaylinkError({
      status: 429,
      code: 'rate_limited',
      message: 'Too many attempts',
    });
    Object.assign(limited, { retryAfter: 120 });
    (element.activeClient as MemoryClient).failNext(limited, 'auth.resetPassword');
    await fill(element, { password: 'summer-2026', confirmation: 'summer-2026' });
    await element.save();
  },
};
