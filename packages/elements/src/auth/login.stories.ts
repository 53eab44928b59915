import { BaylinkError } from '@baylink/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MemoryClient } from '../testing/memory-client.ts';
import { storyClient, storyTheme } from '../testing/story-helpers.ts';
import './bay-login.ts';
import type { BayLogin } from './login.ts';

interface Args {
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
  /** Offer "Forgot your password?" (needs the host's reset page). */
  resetUrl: string;
}

function loginIn(canvas: HTMLElement): BayLogin {
  const element = canvas.querySelector('bay-login');
  if (!element) throw new Error('No <bay-login> in the story');
  return element;
}

async function fill(element: BayLogin, values: Record<string, string>): Promise<void> {
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
  title: 'Identity/Login',
  component: 'bay-login',
  args: { latency: 400, resetUrl: 'https://portal.example.com/reset?token={token}' },
  argTypes: {
    latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
    resetUrl: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Sign-in with a Baylink password, on the in-memory client: `alex.martin@example.com` / `baylink-demo-1` (French: `marie-eve.tremblay@example.com`). "Forgot your password?" answers the same for any address.',
      },
    },
  },
  render: (args, { globals }) => {
    const client = storyClient(globals, { latency: args.latency });
    return html`<bay-login
      .client=${client}
      lang=${globals.locale === 'fr' ? 'fr' : 'en'}
      theme=${storyTheme(globals)}
      account-id=${client.profile.accountId}
      reset-url=${args.resetUrl}
      @bay-login=${(event: Event) => console.info('bay-login', (event as CustomEvent).detail)}
    ></bay-login>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const SignIn: Story = {};

export const French: Story = { globals: { locale: 'fr' } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Phone: Story = { globals: { viewport: { value: 'phone', isRotated: false } } };

export const Desktop: Story = { globals: { viewport: { value: 'desktop', isRotated: false } } };

/** Nothing typed: both fields say what is missing. */
export const Errors: Story = {
  play: async ({ canvasElement }) => {
    await loginIn(canvasElement).signIn();
  },
};

/** A wrong password: the alert never says whether the address exists. */
export const WrongPassword: Story = {
  args: { latency: 200 },
  play: async ({ canvasElement }) => {
    const element = loginIn(canvasElement);
    await fill(element, {
      email: 'alex.martin@example.com',
      password: 'nope-1234',
    });
    await element.signIn();
  },
};

/** Too many attempts: the API answered 429 with `Retry-After: 600`. */
export const RateLimited: Story = {
  args: { latency: 200 },
  play: async ({ canvasElement }) => {
    const element = loginIn(canvasElement);
    const limited = new BaylinkError({
      status: 429,
      code: 'rate_limited',
      message: 'Too many attempts',
    });
    Object.assign(limited, { retryAfter: 600 });
    (element.activeClient as MemoryClient).failNext(limited, 'auth.login');
    await fill(element, { email: 'alex.martin@example.com', password: 'baylink-demo-1' });
    await element.signIn();
  },
};

/** "Forgot your password?": the reset request form. */
export const ForgotPassword: Story = {
  play: async ({ canvasElement }) => {
    const element = loginIn(canvasElement);
    element.view = 'forgot';
    await fill(element, { email: 'alex.martin@example.com' });
  },
};

/** After "Send reset instructions": the same neutral answer for any address. */
export const InstructionsSent: Story = {
  args: { latency: 200 },
  play: async ({ canvasElement }) => {
    const element = loginIn(canvasElement);
    element.view = 'forgot';
    await fill(element, { email: 'someone@example.com' });
    await element.requestReset();
  },
};
