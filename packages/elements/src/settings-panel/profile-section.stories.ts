import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createTestImage, type MemoryClient, SAMPLE_PHOTO_URL } from '../testing/memory-client.ts';
import { settled, storyClient, storyTheme } from '../testing/story-helpers.ts';
import './bay-profile-section.ts';
import type { BayProfileSection } from './profile-section.ts';

interface Args {
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
  /** Milliseconds a photo upload takes. */
  uploadDuration: number;
  /** The user's photo URL, or empty for none. */
  photoUrl: string;
}

function sectionIn(canvas: HTMLElement): BayProfileSection {
  const element = canvas.querySelector('bay-profile-section');
  if (!element) throw new Error('No <bay-profile-section> in the story');
  return element;
}

async function edit(element: BayProfileSection, name: string, value: string): Promise<void> {
  const input = element.shadowRoot?.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!input) return;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await element.updateComplete;
}

const meta: Meta<Args> = {
  title: 'Settings/Profile section',
  component: 'bay-profile-section',
  args: { latency: 600, uploadDuration: 2000, photoUrl: '' },
  argTypes: {
    latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
    uploadDuration: { control: { type: 'range', min: 200, max: 10000, step: 200 } },
    photoUrl: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The "Profile information" settings, running on the in-memory client (`@baylink/elements/testing`): saving, uploads and errors behave as with the API.',
      },
    },
  },
  render: (args, { globals }) => {
    const client = storyClient(globals, {
      latency: args.latency,
      uploadDuration: args.uploadDuration,
      me: { photoUrl: args.photoUrl || null },
    });
    return html`<bay-profile-section
      .client=${client}
      theme=${storyTheme(globals)}
    ></bay-profile-section>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** No photo yet: the initials stand in, and "Upload photo" opens the file chooser. */
export const EmptyPhoto: Story = {};

export const WithPhoto: Story = { args: { photoUrl: SAMPLE_PHOTO_URL } };

export const French: Story = { args: { photoUrl: SAMPLE_PHOTO_URL }, globals: { locale: 'fr' } };

export const Dark: Story = { args: { photoUrl: SAMPLE_PHOTO_URL }, globals: { theme: 'dark' } };

export const Phone: Story = {
  args: { photoUrl: SAMPLE_PHOTO_URL },
  globals: { viewport: { value: 'phone', isRotated: false } },
};

export const Desktop: Story = {
  args: { photoUrl: SAMPLE_PHOTO_URL },
  globals: { viewport: { value: 'desktop', isRotated: false } },
};

/** "Save changes" pressed; the API has not answered yet. */
export const Saving: Story = {
  args: { photoUrl: SAMPLE_PHOTO_URL },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await settled(element);
    (element.client as MemoryClient).hold();
    await edit(element, 'jobPosition', 'Service manager');
    void element.save();
    await settled(element);
  },
};

/** The API refused the email address: its message shows on the field, which has focus. */
export const ServerError: Story = {
  args: { latency: 300 },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await settled(element);
    (element.client as MemoryClient).failNext(
      {
        status: 400,
        code: 'validation_failed',
        message: 'The request is not valid',
        details: [{ path: 'email', message: 'This mailbox does not accept mail' }],
      },
      'update',
    );
    await edit(element, 'email', 'alex@blocked.example');
    await element.save();
  },
};

/** The API could not be reached: an alert says so, and what was typed stays. */
export const NetworkError: Story = {
  args: { latency: 300 },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await settled(element);
    (element.client as MemoryClient).failNext({}, 'update');
    await edit(element, 'name', 'Alex Martin-Roy');
    await element.save();
  },
};

/** A photo on its way: local preview and progress bar. */
export const Uploading: Story = {
  args: { uploadDuration: 60_000 },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await settled(element);
    void element.uploadPhoto(await createTestImage('#1f8a5c'));
    await settled(element);
  },
};
