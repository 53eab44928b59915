import type { UserSummary } from '@baylink/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  type AwayInit,
  awayUntilAt,
  DEMO_TEAMMATES,
  type MemoryClient,
} from '../testing/memory-client.ts';
import { settled, storyClient, storyTheme } from '../testing/story-helpers.ts';
import '../provider/bay-provider.ts';
import './bay-user-name.ts';
import type { BayUserName } from './user-name.ts';

interface Args {
  /** Milliseconds each API call takes in the memory client (the presence list loads once). */
  latency: number;
}

const ME = '00000000-0000-4000-8000-000000000001';
const SERVICE_TEAM = '00000000-0000-4000-8000-0000000000b1';
const [SAM, JORDAN, CHLOE, PRIYA, MARC] = DEMO_TEAMMATES.map((user) => user.id) as [
  string,
  string,
  string,
  string,
  string,
];

/** 8:00 AM local time, `days` days from today. */
function atEight(days: number): Date {
  const date = new Date();
  date.setDate(date.getDate() + days);
  date.setHours(8, 0, 0, 0);
  return date;
}

/** Three teammates away: covered by a team with a return, away alone, covered by a teammate. */
const STAFF_AWAY: Record<string, AwayInit> = {
  [SAM]: {
    away: true,
    assignee: { kind: 'team', id: SERVICE_TEAM },
    until: awayUntilAt(atEight(2)),
  },
  [CHLOE]: { away: true },
  [MARC]: { away: true, assignee: { kind: 'user', id: PRIYA }, until: awayUntilAt(atEight(12)) },
};

const STAFF = [ME, SAM, JORDAN, CHLOE, PRIYA, MARC];

function staffList(client: MemoryClient, theme: 'light' | 'dark') {
  const dark = theme === 'dark';
  return html`<bay-provider .client=${client}>
    <table
      style="border-collapse: collapse; min-width: 24rem; font: 1rem system-ui, sans-serif; color: ${dark ? '#eceef2' : '#1a1d23'}"
    >
      <caption style="text-align: start; font-weight: 650; padding-block-end: 0.5rem">
        Service department
      </caption>
      <thead>
        <tr>
          <th style="text-align: start; padding: 0.5rem">Name</th>
          <th style="text-align: start; padding: 0.5rem">Open work orders</th>
        </tr>
      </thead>
      <tbody>
        ${STAFF.map(
          (id, index) =>
            html`<tr style="border-top: 1px solid ${dark ? '#2a2e36' : '#d9dee6'}">
              <td style="padding: 0.5rem">
                <bay-user-name user-id=${id} theme=${theme}></bay-user-name>
              </td>
              <td style="padding: 0.5rem">${(index * 7) % 11}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </bay-provider>`;
}

const meta: Meta<Args> = {
  title: 'Away status/User name',
  component: 'bay-user-name',
  args: { latency: 300 },
  argTypes: { latency: { control: { type: 'range', min: 0, max: 3000, step: 100 } } },
  parameters: {
    docs: {
      description: {
        component:
          'A name as hosts render it everywhere (article 000): in yellow with a small clock while the user is away; hovering or focusing the clock shows who covers and until when. Every name on the page reads the one presence store of the in-memory client (`@baylink/elements/testing`): one load, however many names.',
      },
    },
  },
  render: (args, { globals }) =>
    staffList(
      storyClient(globals, { latency: args.latency, away: STAFF_AWAY }),
      storyTheme(globals),
    ),
};
export default meta;

type Story = StoryObj<Args>;

/** A staff list: Sam, Chloé and Marc are away. */
export const StaffList: Story = {};

/** Sam's bubble, opened as focusing the clock does. */
export const TooltipOpen: Story = {
  play: async ({ canvasElement }) => {
    const names = [...canvasElement.querySelectorAll('bay-user-name')] as BayUserName[];
    const sam = names.find((element) => element.userId === SAM);
    if (!sam) return;
    await new Promise<void>((resolve) => {
      const check = () => (sam.status ? resolve() : setTimeout(check, 50));
      check();
    });
    await settled(sam);
    sam.shadowRoot?.querySelector<HTMLElement>('[part~="clock"]')?.focus();
    await settled(sam);
  },
};

export const French: Story = { globals: { locale: 'fr' } };

export const Dark: Story = { globals: { theme: 'dark' } };

/** Names inside the host's sentences: they take the surrounding font. */
export const InText: Story = {
  render: (args, { globals }) => {
    const client = storyClient(globals, { latency: args.latency, away: STAFF_AWAY });
    return html`<bay-provider .client=${client}>
      <h2 style="font: 600 1.5rem Georgia, serif">
        RO 4521 — advisor <bay-user-name user-id=${SAM} theme=${storyTheme(globals)}></bay-user-name>
      </h2>
      <p style="max-width: 36rem">
        Waiting on parts from
        <bay-user-name user-id=${MARC} theme=${storyTheme(globals)}>Marc G.</bay-user-name>; the
        customer asked for
        <bay-user-name user-id=${JORDAN} theme=${storyTheme(globals)}></bay-user-name> to call
        back.
      </p>
    </bay-provider>`;
  },
};

/** 500 names, one in five away: one presence load, one subscription per name. */
export const FiveHundredNames: Story = {
  render: (args, { globals }) => {
    const users: UserSummary[] = Array.from({ length: 500 }, (_, index) => ({
      id: `00000000-0000-4000-8000-${(0x1000 + index).toString(16).padStart(12, '0')}`,
      name: `Staff member ${index + 1}`,
      jobPosition: null,
      language: 'en',
      photoUrl: null,
    }));
    const away = Object.fromEntries(
      users
        .filter((_, index) => index % 5 === 0)
        .map((user, index) => [
          user.id,
          {
            away: true,
            assignee: index % 2 === 0 ? { kind: 'user' as const, id: users[1]?.id ?? '' } : null,
            until: index % 3 === 0 ? awayUntilAt(atEight(1 + (index % 9))) : null,
          },
        ]),
    );
    const client = storyClient(globals, { latency: args.latency, users, away });
    return html`<bay-provider .client=${client}>
      <ul
        style="columns: 14rem; list-style: none; margin: 0; padding: 0; line-height: 2; color: ${storyTheme(globals) === 'dark' ? '#eceef2' : '#1a1d23'}"
      >
        ${users.map(
          (user) =>
            html`<li><bay-user-name user-id=${user.id} theme=${storyTheme(globals)}></bay-user-name></li>`,
        )}
      </ul>
    </bay-provider>`;
  },
};
