import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MemoryClient } from '../testing/memory-client.ts';
import { MEMORY_CATEGORY_KEYS } from '../testing/memory-notifications.ts';
import { type StoryGlobals, storyClient, storyTheme } from '../testing/story-helpers.ts';
import './bay-notification-center.ts';

interface Args {
  /** How many notifications the inbox holds. */
  count: number;
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
  /** Whether the panel starts open. */
  open: boolean;
  /** The realtime connection's status. */
  connection: 'connected' | 'reconnecting';
  /** Make the first load fail (then "Try again" works). */
  failLoad: boolean;
  /** One notification of every catalog category instead of `count` generated ones. */
  everyCategory: boolean;
}

const TITLES = {
  en: ['Dylan Park mentioned you on RO 4521', 'New message from Émilie Côté'],
  fr: ['Dylan Park vous a mentionné dans le BT 4521', 'Nouveau message de Émilie Côté'],
};

function client(args: Args, globals: StoryGlobals): MemoryClient {
  const memory = storyClient(globals, {
    latency: args.latency,
    connection: args.connection,
    pageSize: args.count > 1000 ? 500 : 30,
  });
  if (args.everyCategory) {
    MEMORY_CATEGORY_KEYS.forEach((category, index) => {
      memory.generateNotifications(1, {
        categories: [category],
        from: new Date(Date.now() - index * 47 * 60_000),
        readRatio: 0,
      });
    });
  } else if (args.count > 0) {
    memory.generateNotifications(args.count, { spacing: args.count > 1000 ? 90_000 : 23 * 60_000 });
  }
  if (args.failLoad) memory.failNext({ status: 503 }, 'notifications.refresh');
  return memory;
}

/** A live arrival every click, in the toolbar's language. */
function push(memory: MemoryClient, globals: StoryGlobals): void {
  const titles = globals.locale === 'fr' ? TITLES.fr : TITLES.en;
  const title = titles[Math.floor(Math.random() * titles.length)] ?? 'New notification';
  memory.pushNotification({
    type: 'conversations.mention',
    title,
    actor: { userId: null, name: 'Dylan Park' },
    link: 'https://dms.example.com/ro/4521',
  });
}

const meta: Meta<Args> = {
  title: 'Notifications/Notification center',
  component: 'bay-notification-center',
  args: {
    count: 6,
    latency: 300,
    open: true,
    connection: 'connected',
    failLoad: false,
    everyCategory: false,
  },
  argTypes: {
    count: { control: { type: 'number', min: 0, max: 10_000 } },
    latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
    open: { control: 'boolean' },
    connection: { control: 'inline-radio', options: ['connected', 'reconnecting'] },
    failLoad: { control: 'boolean' },
    everyCategory: { control: 'boolean' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The bell and its panel on the in-memory client. "Simulate a live notification" pushes one as the stream would (the badge updates and a screen reader hears it). Clicking an item emits `bay-notification-open`; the host navigates. Use the toolbar for language, theme and viewport.',
      },
    },
  },
  render: (args, { globals }) => {
    const memory = client(args, globals);
    const theme = storyTheme(globals);
    const dark = theme === 'dark';
    return html`<div
        style="display: flex; align-items: center; gap: 1rem; padding: 0.5rem 1rem; border-radius: 8px; background: ${dark ? '#0b1020' : '#14213d'}; color: #fff; font-family: system-ui, sans-serif"
      >
        <strong style="flex: 1">Baylink Motors · Service</strong>
        <button type="button" @click=${() => push(memory, globals)}>
          Simulate a live notification
        </button>
        <bay-notification-center
          .client=${memory}
          ?open=${args.open}
          theme=${theme}
          @bay-notification-open=${(event: CustomEvent) => console.info('bay-notification-open', event.detail)}
        ></bay-notification-center>
      </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** A few notifications, English, light. */
export const AFew: Story = { globals: { locale: 'en', theme: 'light' } };

/** Nothing yet: the empty state. */
export const Empty: Story = { args: { count: 0 } };

/** 10,000 notifications: only the rows in view are in the DOM; scrolling loads more pages. */
export const Many: Story = { args: { count: 10_000, latency: 150 } };

/** One notification of each of the catalog's categories. */
export const EveryCategory: Story = { args: { everyCategory: true } };

export const French: Story = { globals: { locale: 'fr' } };

export const Dark: Story = { globals: { theme: 'dark' } };

/** On a phone the panel is a full-screen sheet. */
export const Phone: Story = { globals: { viewport: { value: 'phone', isRotated: false } } };

/** The realtime connection dropped: "Reconnecting…" in the panel, a dot on the bell. */
export const Reconnecting: Story = { args: { connection: 'reconnecting' } };

/** The first load failed: the error state with "Try again". */
export const LoadError: Story = { args: { failLoad: true } };

/** Closed: just the bell and its badge. */
export const Closed: Story = { args: { open: false, count: 12 } };
