import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  type AwayInit,
  awayUntilAt,
  DEMO_TEAMMATES,
  type MemoryClient,
} from '../testing/memory-client.ts';
import { settled, storyClient, storyTheme } from '../testing/story-helpers.ts';
import type { BayAwayBanner } from './away-banner.ts';
import './bay-away-banner.ts';

interface Args {
  /** Who covers: the Service Team, a teammate, or nobody. */
  cover: 'team' | 'user' | 'none';
  /** Days until the return at 8:00 AM (0: no return date). */
  returnInDays: number;
  /** In the page's flow rather than fixed at the top of the screen. */
  inline: boolean;
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
}

const ME = '00000000-0000-4000-8000-000000000001';
const SERVICE_TEAM = '00000000-0000-4000-8000-0000000000b1';
const SAM = DEMO_TEAMMATES[0]?.id ?? '';

/** 8:00 AM local time, `days` days from today. */
function atEight(days: number): Date {
  const date = new Date();
  date.setDate(date.getDate() + days);
  date.setHours(8, 0, 0, 0);
  return date;
}

function awayStatus(args: Args, until?: Date): AwayInit {
  return {
    away: true,
    assignee:
      args.cover === 'team'
        ? { kind: 'team', id: SERVICE_TEAM }
        : args.cover === 'user'
          ? { kind: 'user', id: SAM }
          : null,
    until: until
      ? awayUntilAt(until)
      : args.returnInDays > 0
        ? awayUntilAt(atEight(args.returnInDays))
        : null,
  };
}

function bannerIn(canvas: HTMLElement): BayAwayBanner {
  const element = canvas.querySelector('bay-away-banner');
  if (!element) throw new Error('No <bay-away-banner> in the story');
  return element;
}

const meta: Meta<Args> = {
  title: 'Away status/Away banner',
  component: 'bay-away-banner',
  args: { cover: 'team', returnInDays: 2, inline: false, latency: 600 },
  argTypes: {
    cover: { control: 'inline-radio', options: ['team', 'user', 'none'] },
    returnInDays: { control: { type: 'number', min: 0, max: 60 } },
    inline: { control: 'boolean' },
    latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The yellow reminder of article 000 ("Using the Away Status"), on the in-memory client (`@baylink/elements/testing`): "Turn off away status" calls `client.away.clear()`, the link dispatches `bay-away-open-settings`, and dismissing hides it for the browser session and this away period (each render of a story starts a new away period, so it shows again).',
      },
    },
  },
  render: (args, { globals }) => {
    const client = storyClient(globals, {
      latency: args.latency,
      away: { [ME]: awayStatus(args) },
    });
    return html`<div style="min-height: 14rem">
      <bay-away-banner
        .client=${client}
        theme=${storyTheme(globals)}
        ?inline=${args.inline}
      ></bay-away-banner>
      <p style="margin-top: 9rem; max-width: 40rem">
        The host’s screen: work orders, appointments and conversations. The banner floats at the
        top centre of it while the user is away.
      </p>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Covered by the Service Team until 8:00 AM in two days. */
export const AwayWithTeamAndReturn: Story = {};

/** Away, with nobody named and no return date. */
export const AwayWithoutDetails: Story = { args: { cover: 'none', returnInDays: 0 } };

/** Covered by a teammate, back in three weeks (a date rather than a weekday). */
export const CoveredByATeammate: Story = { args: { cover: 'user', returnInDays: 21 } };

export const French: Story = { globals: { locale: 'fr' } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Phone: Story = { globals: { viewport: { value: 'phone', isRotated: false } } };

export const Inline: Story = { args: { inline: true } };

/** "Turn off away status" fails: the banner stays and says why. */
export const TurnOffFailing: Story = {
  args: { latency: 300 },
  play: async ({ canvasElement }) => {
    const element = bannerIn(canvasElement);
    await settled(element);
    (element.client as MemoryClient).failNext({ status: 503 }, 'away.clear');
    await element.turnOff();
  },
};

/** "Away until" one minute from now: the banner goes by itself at that moment. */
export const ReturnsInAMinute: Story = {
  render: (args, { globals }) => {
    const client = storyClient(globals, {
      latency: args.latency,
      away: { [ME]: awayStatus(args, new Date(Date.now() + 60_000)) },
    });
    return html`<bay-away-banner
      .client=${client}
      theme=${storyTheme(globals)}
      inline
    ></bay-away-banner>`;
  },
};
