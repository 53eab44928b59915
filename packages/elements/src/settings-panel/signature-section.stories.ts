import { SIGNATURE_MAX_LENGTH } from '@baylink/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MemoryClient } from '../testing/memory-client.ts';
import { settled, storyClient, storyTheme } from '../testing/story-helpers.ts';
import './bay-signature-section.ts';
import type { BaySignatureSection } from './signature-section.ts';

interface Args {
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
  /** Whether the signature is on. */
  enabled: boolean;
  /** The saved text (empty: the profile name signs). */
  text: string;
}

function sectionIn(canvas: HTMLElement): BaySignatureSection {
  const element = canvas.querySelector('bay-signature-section');
  if (!element) throw new Error('No <bay-signature-section> in the story');
  return element;
}

async function typeText(element: BaySignatureSection, value: string): Promise<void> {
  const field = element.shadowRoot?.querySelector<HTMLTextAreaElement>('[name="text"]');
  if (!field) return;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

const meta: Meta<Args> = {
  title: 'Settings/Signature section',
  component: 'bay-signature-section',
  args: { latency: 600, enabled: true, text: '' },
  argTypes: {
    latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
    enabled: { control: 'boolean' },
    text: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The "Signature" settings (article "Setting Up Your Signature"), running on the in-memory client (`@baylink/elements/testing`): the preview follows what you type, and saving and errors behave as with the API.',
      },
    },
  },
  render: (args, { globals }) => {
    const client = storyClient(globals, {
      latency: args.latency,
      signature: { enabled: args.enabled, text: args.text },
    });
    return html`<bay-signature-section
      .client=${client}
      theme=${storyTheme(globals)}
    ></bay-signature-section>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

const SIGNED = { text: 'Alex Martin\nService advisor · Garage Lavoie\n418 555-0199' };
const SIGNED_FR = {
  text: 'Marie-Ève Tremblay\nConseillère technique · Garage Lavoie\n418 555-0199',
};

/** A multi-line signature, English, light. */
export const English: Story = { args: SIGNED, globals: { locale: 'en', theme: 'light' } };

export const French: Story = { args: SIGNED_FR, globals: { locale: 'fr' } };

export const Light: Story = { args: SIGNED, globals: { theme: 'light' } };

export const Dark: Story = { args: SIGNED, globals: { theme: 'dark' } };

export const Phone: Story = {
  args: SIGNED,
  globals: { viewport: { value: 'phone', isRotated: false } },
};

export const Desktop: Story = {
  args: SIGNED,
  globals: { viewport: { value: 'desktop', isRotated: false } },
};

/** Switched off: the preview shows the message without a signature. */
export const Off: Story = { args: { ...SIGNED, enabled: false } };

/** Never set (the default): empty, so the profile name signs the messages. */
export const EmptyUsesName: Story = { args: { text: '' } };

/** A few characters from the limit: the counter warns. */
export const NearTheLimit: Story = {
  args: { latency: 300 },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await settled(element);
    await typeText(
      element,
      `${SIGNED.text}\n${'Ask me about our winter tire package. '.repeat(12)}`.slice(
        0,
        SIGNATURE_MAX_LENGTH - 12,
      ),
    );
  },
};

/** "Update signature" pressed; the API has not answered yet. */
export const Saving: Story = {
  args: SIGNED,
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await settled(element);
    (element.client as MemoryClient).hold();
    await typeText(element, `${SIGNED.text}\nParts & service`);
    void element.save();
    await settled(element);
  },
};

/** The API refused the text: its message shows on the field, which has focus. */
export const ServerError: Story = {
  args: { ...SIGNED, latency: 300 },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await settled(element);
    (element.client as MemoryClient).failNext(
      {
        status: 400,
        code: 'validation_failed',
        message: 'Invalid input: text',
        details: [{ path: 'text', message: 'The signature may not hold a web address' }],
      },
      'signature.update',
    );
    await typeText(element, `${SIGNED.text}\nhttps://garage-lavoie.example`);
    await element.save();
  },
};
