/// <reference types="mocha" />
import type { UserSummary } from '@baylink/sdk';
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../provider/bay-provider.ts';
import { deepActiveElement, expectAccessible } from '../testing/helpers.ts';
import {
  awayUntilAt,
  createMemoryClient,
  DEMO_TEAMMATES,
  type MemoryClient,
  type MemoryClientOptions,
} from '../testing/memory-client.ts';
import { everyElementFollowsTheClient, everyElementLocalizes } from '../testing/suites.ts';
import './bay-user-name.ts';
import { formatReturn } from './away-format.ts';
import type { BayUserName } from './user-name.ts';

const [SAM, JORDAN, CHLOE] = DEMO_TEAMMATES.map((user) => user.id) as [string, string, string];
const SERVICE_TEAM = '00000000-0000-4000-8000-0000000000b1';

const WEEKDAYS = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  fr: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
};
const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** 8:00 AM local time, `days` days from today. */
function atEight(days: number): Date {
  const date = new Date();
  date.setDate(date.getDate() + days);
  date.setHours(8, 0, 0, 0);
  return date;
}

/** Text with every kind of space (Intl puts a narrow no-break one before AM) as one space. */
const spaced = (text: string | null | undefined) => (text ?? '').replace(/\s+/gu, ' ').trim();

function client(options: MemoryClientOptions = {}): MemoryClient {
  return createMemoryClient(options);
}

async function render(
  memory: MemoryClient,
  userId: string | undefined,
  content: unknown = '',
): Promise<BayUserName> {
  const element = await fixture<BayUserName>(
    html`<bay-user-name .client=${memory} user-id=${userId ?? ''}>${content}</bay-user-name>`,
  );
  await element.updateComplete;
  return element;
}

const part = (element: BayUserName, name: string) =>
  element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const nameText = (element: BayUserName) => spaced(part(element, 'name')?.textContent);
const tooltipShown = (element: BayUserName) =>
  part(element, 'tooltip')?.matches(':popover-open') ?? false;

async function loaded(element: BayUserName): Promise<void> {
  await waitUntil(() => element.status !== undefined, 'the presence store loads');
  await element.updateComplete;
}

async function hover(target: Element): Promise<void> {
  const box = target.getBoundingClientRect();
  await sendMouse({
    type: 'move',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
}

const sharedOptions = {
  tag: 'bay-user-name',
  // Without user-id it shows the signed-in user, away here: the clock's bubble says "Away".
  heading: { en: 'Away', fr: 'Absent' },
  labels: { en: [] as string[], fr: [] as string[] },
  overridable: 'userName.away' as const,
  seed(memory: MemoryClient) {
    memory.setAway(memory.profile.id, { away: true });
  },
  shownUser: (element: HTMLElement) =>
    element.shadowRoot?.querySelector('[part~="name"]')?.textContent?.trim() || undefined,
};

everyElementLocalizes(sharedOptions);
everyElementFollowsTheClient(sharedOptions);

describe('<bay-user-name>', () => {
  afterEach(async () => {
    await resetMouse();
  });

  describe('the name', () => {
    it('shows the account’s name for a user id alone, and no clock while the user is available', async () => {
      const element = await render(client(), SAM);
      await loaded(element);
      expect(nameText(element)).to.equal('Sam Okafor');
      expect(part(element, 'clock')).to.equal(null);
      expect(part(element, 'tooltip')).to.equal(null);
      expect(part(element, 'base')?.classList.contains('away')).to.equal(false);
    });

    it('prefers its own text, then its name attribute, to the account’s name', async () => {
      const memory = client();
      const slotted = await render(memory, SAM, 'Sam O.');
      await loaded(slotted);
      expect(spaced(slotted.textContent)).to.equal('Sam O.');
      expect(nameText(slotted)).to.equal('');
      const named = await fixture<BayUserName>(
        html`<bay-user-name .client=${memory} user-id=${SAM} name="Samuel"></bay-user-name>`,
      );
      await loaded(named);
      expect(nameText(named)).to.equal('Samuel');
    });

    it('shows the signed-in user without a user id', async () => {
      const element = await render(client({ me: { name: 'Alex Martin' } }), undefined);
      expect(nameText(element)).to.equal('Alex Martin');
    });

    it('works without Baylink, as a plain name', async () => {
      const element = await fixture<BayUserName>(
        html`<bay-user-name name="Dana Smith"></bay-user-name>`,
      );
      expect(nameText(element)).to.equal('Dana Smith');
    });
  });

  describe('while the user is away', () => {
    it('shows the name in yellow with a clock that screen readers hear as “Away”, described by the bubble', async () => {
      const until = atEight(2);
      const memory = client({
        away: {
          [SAM]: {
            away: true,
            assignee: { kind: 'team', id: SERVICE_TEAM },
            until: awayUntilAt(until),
          },
        },
      });
      const element = await render(memory, SAM);
      await loaded(element);
      const base = part(element, 'base') as HTMLElement;
      expect(base.classList.contains('away')).to.equal(true);
      expect(getComputedStyle(base).backgroundColor).to.equal('rgb(255, 243, 191)');
      const clock = part(element, 'clock') as HTMLElement;
      expect(clock.getAttribute('role')).to.equal('img');
      expect(clock.getAttribute('aria-label')).to.equal('Away');
      expect(clock.tabIndex).to.equal(0);
      const tooltip = part(element, 'tooltip') as HTMLElement;
      expect(clock.getAttribute('aria-describedby')).to.equal(tooltip.id);
      expect(tooltip.getAttribute('role')).to.equal('tooltip');
      expect(spaced(tooltip.textContent)).to.equal(
        `Covered by Service Team until ${WEEKDAYS.en[until.getDay()]} 8:00 AM`,
      );
      await expectAccessible(element);
    });

    it('says only what it knows: the return, the cover, or “Away”', async () => {
      const until = atEight(3);
      const memory = client({
        away: {
          [SAM]: { away: true, until: awayUntilAt(until) },
          [JORDAN]: { away: true, assignee: { kind: 'user', id: SAM } },
          [CHLOE]: { away: true },
        },
      });
      const [sam, jordan, chloe] = await Promise.all(
        [SAM, JORDAN, CHLOE].map((id) => render(memory, id)),
      );
      for (const element of [sam, jordan, chloe]) await loaded(element as BayUserName);
      const tip = (element: BayUserName | undefined) =>
        spaced(element && part(element, 'tooltip')?.textContent);
      expect(tip(sam)).to.equal(`Away until ${WEEKDAYS.en[until.getDay()]} 8:00 AM`);
      expect(tip(jordan)).to.equal('Covered by Sam Okafor');
      expect(tip(chloe)).to.equal('Away');
      // The bubble would repeat the clock's name: no description then.
      expect(part(chloe as BayUserName, 'clock')?.hasAttribute('aria-describedby')).to.equal(false);
    });

    it('gives a date rather than a weekday beyond six days', async () => {
      const until = atEight(20);
      const text = formatReturn('en', until.toISOString(), Date.now());
      expect(spaced(text)).to.contain(`${MONTHS_EN[until.getMonth()]} ${until.getDate()}`);
      expect(spaced(text)).to.contain('8:00 AM');
    });

    it('speaks French, with the French date format', async () => {
      const until = atEight(2);
      const memory = client({
        away: {
          [SAM]: {
            away: true,
            assignee: { kind: 'team', id: SERVICE_TEAM },
            until: awayUntilAt(until),
          },
        },
      });
      const element = await fixture<BayUserName>(
        html`<bay-user-name .client=${memory} user-id=${SAM} lang="fr"></bay-user-name>`,
      );
      await loaded(element);
      expect(part(element, 'clock')?.getAttribute('aria-label')).to.equal('Absent');
      expect(spaced(part(element, 'tooltip')?.textContent)).to.equal(
        `Remplacé par Service Team jusqu’à ${WEEKDAYS.fr[until.getDay()]} 08:00`,
      );
      await expectAccessible(element);
    });
  });

  describe('the bubble', () => {
    async function awaySam(): Promise<BayUserName> {
      const memory = client({
        away: { [SAM]: { away: true, assignee: { kind: 'team', id: SERVICE_TEAM } } },
      });
      const wrapper = await fixture<HTMLElement>(
        html`<p style="margin: 3rem">
          <button type="button">Before</button>
          Assigned to <bay-user-name .client=${memory} user-id=${SAM}></bay-user-name>
        </p>`,
      );
      const element = wrapper.querySelector('bay-user-name') as BayUserName;
      await loaded(element);
      return element;
    }

    it('shows on hover, stays while the pointer moves onto it, and closes once the pointer leaves both', async () => {
      const element = await awaySam();
      expect(tooltipShown(element)).to.equal(false);
      await hover(part(element, 'clock') as HTMLElement);
      await waitUntil(() => tooltipShown(element), 'the bubble shows on hover');
      const tooltip = part(element, 'tooltip') as HTMLElement;
      expect(spaced(tooltip.textContent)).to.equal('Covered by Service Team');
      // Below the clock, in the viewport.
      const clockBox = (part(element, 'clock') as HTMLElement).getBoundingClientRect();
      const tipBox = tooltip.getBoundingClientRect();
      expect(tipBox.top).to.be.at.least(clockBox.bottom);
      await hover(tooltip);
      await aTimeout(400);
      expect(tooltipShown(element)).to.equal(true);
      await sendMouse({ type: 'move', position: [1, 1] });
      await waitUntil(() => !tooltipShown(element), 'the bubble closes');
    });

    it('closes with Escape while hovered, and opens again on the next hover', async () => {
      const element = await awaySam();
      await hover(part(element, 'clock') as HTMLElement);
      await waitUntil(() => tooltipShown(element), 'shown');
      await sendKeys({ press: 'Escape' });
      await element.updateComplete;
      expect(tooltipShown(element)).to.equal(false);
      await sendMouse({ type: 'move', position: [1, 1] });
      await hover(part(element, 'clock') as HTMLElement);
      await waitUntil(() => tooltipShown(element), 'shown again');
    });

    it('shows when the clock takes keyboard focus, and Escape hides it with focus kept', async () => {
      const element = await awaySam();
      const before = element.parentElement?.querySelector('button') as HTMLButtonElement;
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(part(element, 'clock'));
      await waitUntil(() => tooltipShown(element), 'focus shows the bubble');
      await expectAccessible(element);
      await sendKeys({ press: 'Escape' });
      await element.updateComplete;
      expect(tooltipShown(element)).to.equal(false);
      expect(deepActiveElement()).to.equal(part(element, 'clock'));
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      await waitUntil(() => !tooltipShown(element), 'still hidden after focus leaves');
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => tooltipShown(element), 'focus shows it again');
    });
  });

  describe('live', () => {
    it('turns yellow and back as the user’s status changes, the automatic return included', async () => {
      const memory = client();
      const element = await render(memory, SAM);
      await loaded(element);
      expect(part(element, 'clock')).to.equal(null);
      memory.setAway(SAM, { away: true, assignee: { kind: 'user', id: JORDAN } });
      await element.updateComplete;
      expect(spaced(part(element, 'tooltip')?.textContent)).to.equal('Covered by Jordan Lee');
      memory.endAway(SAM);
      await element.updateComplete;
      expect(part(element, 'clock')).to.equal(null);
    });

    it('turns back when the return moment passes', async () => {
      const memory = client({
        away: { [SAM]: { away: true, until: awayUntilAt(Date.now() + 400) } },
      });
      const element = await render(memory, SAM);
      await loaded(element);
      expect(part(element, 'clock')).not.to.equal(null);
      await waitUntil(() => part(element, 'clock') === null, 'the automatic return', {
        timeout: 5000,
      });
    });

    it('follows a change of user-id', async () => {
      const memory = client({ away: { [JORDAN]: { away: true } } });
      const element = await render(memory, SAM);
      await loaded(element);
      element.userId = JORDAN;
      await element.updateComplete;
      expect(nameText(element)).to.equal('Jordan Lee');
      expect(part(element, 'clock')).not.to.equal(null);
    });
  });

  describe('500 names on one page', () => {
    it('render from one presence store (one load, no request per name) and follow one user’s change', async () => {
      const users: UserSummary[] = Array.from({ length: 500 }, (_, index) => ({
        id: `00000000-0000-4000-8000-${(0x1000 + index).toString(16).padStart(12, '0')}`,
        name: `Staff ${index + 1}`,
        jobPosition: null,
        language: 'en',
        photoUrl: null,
      }));
      const away = Object.fromEntries(
        users.filter((_, index) => index % 5 === 0).map((user) => [user.id, { away: true }]),
      );
      const memory = client({ users, away });
      const provider = await fixture<HTMLElement>(
        html`<bay-provider .client=${memory}
          ><ul>
            ${users.map((user) => html`<li><bay-user-name user-id=${user.id}></bay-user-name></li>`)}
          </ul></bay-provider
        >`,
      );
      const names = [...provider.querySelectorAll('bay-user-name')] as BayUserName[];
      expect(names).to.have.length(500);
      await waitUntil(
        () => names.every((element) => nameText(element) !== ''),
        'every name renders',
        { timeout: 8000 },
      );
      await Promise.all(names.map((element) => element.updateComplete));
      expect(memory.callsOf('presence.refresh')).to.have.length(1);
      expect(
        memory.calls.filter(
          (call) => call.method.startsWith('presence.') || call.method.startsWith('away.'),
        ),
      ).to.have.length(1);
      names.forEach((element, index) => {
        expect(nameText(element)).to.equal(`Staff ${index + 1}`);
        expect(part(element, 'clock') !== null).to.equal(index % 5 === 0);
      });
      const changed = names[1] as BayUserName;
      memory.setAway(users[1]?.id ?? '', { away: true });
      await changed.updateComplete;
      expect(part(changed, 'clock')).not.to.equal(null);
      expect(names.filter((element) => part(element, 'clock') !== null)).to.have.length(101);
      expect(memory.callsOf('presence.refresh')).to.have.length(1);
    });
  });
});
