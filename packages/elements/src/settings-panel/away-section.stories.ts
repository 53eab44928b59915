import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  type AwayInit,
  awayUntilAt,
  DEMO_TEAMMATES,
  type MemoryClient,
  zonedInstant,
} from '../testing/memory-client.ts';
import { settled, storyClient, storyTheme } from '../testing/story-helpers.ts';
import type { BayAwaySection } from './away-section.ts';
import './bay-away-section.ts';

/** The memory client's signed-in user, and the demo account's teams. */
const ME = '00000000-0000-4000-8000-000000000001';
const SERVICE_TEAM = '00000000-0000-4000-8000-0000000000b1';
const [SAM, JORDAN] = DEMO_TEAMMATES;
const DAY = 86_400_000;

interface Args {
  /** Milliseconds each API call takes in the memory client. */
  latency: number;
  /** Away statuses to start with, by user id. */
  away: Record<string, AwayInit>;
}

function sectionIn(canvas: HTMLElement): BayAwaySection {
  const element = canvas.querySelector('bay-away-section');
  if (!element) throw new Error('No <bay-away-section> in the story');
  return element;
}

/** Chooses an entry of "Assign to" as a user would with the mouse. */
async function pick(element: BayAwaySection, name: string): Promise<void> {
  const combobox = element.shadowRoot?.querySelector<HTMLInputElement>('[name="assignee"]');
  combobox?.click();
  await settled(element);
  const option = [
    ...(element.shadowRoot?.querySelectorAll<HTMLElement>('[role="option"]') ?? []),
  ].find((entry) => entry.querySelector('[part~="option-name"]')?.textContent?.trim() === name);
  option?.click();
  await settled(element);
}

/** Back in two days at 8:00, entered in the viewer's zone. */
function inTwoDays(): AwayInit['until'] {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { date } = awayUntilAt(Date.now() + 2 * DAY, zone);
  return awayUntilAt(zonedInstant(date, '08:00', zone), zone);
}

const meta: Meta<Args> = {
  title: 'Settings/Away section',
  component: 'bay-away-section',
  args: { latency: 400, away: {} },
  argTypes: {
    latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
    away: { control: 'object' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The "Away Status" settings (article 000, "Using the Away Status"), on the in-memory client (`@baylink/elements/testing`): five teammates and two teams, validation and the automatic return as with the API.',
      },
    },
  },
  render: (args, { globals }) => {
    const client = storyClient(globals, { latency: args.latency, away: args.away });
    return html`<bay-away-section
      .client=${client}
      theme=${storyTheme(globals)}
    ></bay-away-section>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Available: the switch is off. */
export const Off: Story = { globals: { locale: 'en', theme: 'light' } };

/** Away since an hour ago, Service Team covering, back in two days at 8:00. */
export const OnWithTeamAndUntil: Story = {
  args: {
    away: {
      [ME]: { away: true, assignee: { kind: 'team', id: SERVICE_TEAM }, until: inTwoDays() },
    },
  },
};

/** Sam Okafor is away too: choosing Sam warns that conversations will stay with you. */
export const AwayAssigneeWarning: Story = {
  args: {
    latency: 0,
    away: {
      [ME]: { away: true },
      ...(SAM ? { [SAM.id]: { away: true, until: inTwoDays() } } : {}),
    },
  },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await settled(element);
    await pick(element, SAM?.name ?? '');
  },
};

export const French: Story = {
  args: OnWithTeamAndUntil.args,
  globals: { locale: 'fr' },
};

export const Dark: Story = { args: OnWithTeamAndUntil.args, globals: { theme: 'dark' } };

export const Phone: Story = {
  args: OnWithTeamAndUntil.args,
  globals: { viewport: { value: 'phone', isRotated: false } },
};

/** The API refused the cover: its message shows on "Assign to", which has focus. */
export const ServerError: Story = {
  args: { latency: 0, away: { [ME]: { away: true } } },
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await settled(element);
    await pick(element, JORDAN?.name ?? '');
    (element.client as MemoryClient).failNext(
      {
        status: 400,
        code: 'validation_failed',
        message: 'Invalid input: assignee.id',
        details: [{ path: 'assignee.id', message: 'This user left the account' }],
      },
      'away.set',
    );
    await element.save();
  },
};

/** "Save away status" pressed; the API has not answered yet. */
export const Saving: Story = {
  play: async ({ canvasElement }) => {
    const element = sectionIn(canvasElement);
    await settled(element);
    (element.client as MemoryClient).hold();
    element.shadowRoot?.querySelector<HTMLInputElement>('[name="away"]')?.click();
    await settled(element);
    void element.save();
    await settled(element);
  },
};
