/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { BayErrorEvent, BaySettingsChangeEvent } from '../internal/events.ts';
import { deepActiveElement, deepText, expectAccessible } from '../testing/helpers.ts';
import {
  type AwayInit,
  awayUntilAt,
  createMemoryClient,
  type MemoryClient,
  type MemoryClientOptions,
} from '../testing/memory-client.ts';
import { everyElementFollowsTheClient, everyElementLocalizes } from '../testing/suites.ts';
import {
  AWAY_SECTION_PARTS,
  awaySettingsSection,
  type BayAwaySection,
  filterOptions,
  formatMoment,
  zonedInstant,
} from './away-section.ts';
import './bay-away-section.ts';
import './bay-settings-panel.ts';
import type { BaySettingsDirtyEvent } from './settings-events.ts';
import type { BaySettingsPanel } from './settings-panel.ts';

// The memory client's demo account: Alex Martin signed in, five teammates, two teams.
const ME = '00000000-0000-4000-8000-000000000001';
const SAM = '00000000-0000-4000-8000-000000000002';
const MARC = '00000000-0000-4000-8000-000000000006';
const SERVICE_TEAM = '00000000-0000-4000-8000-0000000000b1';
const PARTS = '00000000-0000-4000-8000-0000000000b2';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

function client(options: MemoryClientOptions = {}): MemoryClient {
  return createMemoryClient(options);
}

/** A memory client where the signed-in user (and maybe others) is already away. */
function awayClient(away: Record<string, AwayInit>, options: MemoryClientOptions = {}) {
  return client({ away, ...options });
}

async function render(
  memory: MemoryClient = client(),
  options: { timeZone?: string; width?: string } = {},
): Promise<BayAwaySection> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="inline-size: ${options.width ?? '960px'}">
      <bay-away-section .client=${memory} time-zone=${ifDefined(options.timeZone)}></bay-away-section>
    </div>`,
  );
  const element = wrapper.querySelector('bay-away-section') as BayAwaySection;
  await settle(element);
  return element;
}

/** Lets the stores and the teams load, and the element render them. */
async function settle(element: BayAwaySection): Promise<void> {
  await element.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await element.updateComplete;
}

function inside<E extends Element = HTMLElement>(element: BayAwaySection, selector: string): E {
  const found = element.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`No ${selector} in <bay-away-section>`);
  return found;
}

const toggle = (element: BayAwaySection) => inside<HTMLInputElement>(element, '[name="away"]');
const combobox = (element: BayAwaySection) =>
  inside<HTMLInputElement>(element, '[name="assignee"]');
const dateInput = (element: BayAwaySection) => inside<HTMLInputElement>(element, '[name="date"]');
const timeInput = (element: BayAwaySection) => inside<HTMLInputElement>(element, '[name="time"]');
const saveButton = (element: BayAwaySection) =>
  inside<HTMLButtonElement>(element, '[part~="save-button"]');
const text = (element: BayAwaySection, part: string) =>
  element.shadowRoot
    ?.querySelector(`[part~="${part}"]`)
    ?.textContent?.replace(/[ \t\n\r]+/g, ' ')
    .trim();
const texts = (element: BayAwaySection, part: string) =>
  [...(element.shadowRoot?.querySelectorAll(`[part~="${part}"]`) ?? [])].map(
    (node) => node.textContent?.replace(/[ \t\n\r]+/g, ' ').trim() ?? '',
  );
/** The names in the open list, in order. */
const optionNames = (element: BayAwaySection) =>
  [...(element.shadowRoot?.querySelectorAll('[role="option"]') ?? [])].map(
    (option) =>
      option.querySelector('[part~="option-name"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
  );

function labelOf(element: BayAwaySection, control: HTMLElement): string {
  return (
    inside(element, `label[for="${control.id}"]`).textContent?.replace(/\s+/g, ' ').trim() ?? ''
  );
}

function descriptionOf(element: BayAwaySection, control: HTMLElement): string {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids
    .map((id) => element.shadowRoot?.getElementById(id)?.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

async function switchAway(element: BayAwaySection, on: boolean): Promise<void> {
  if (toggle(element).checked !== on) toggle(element).click();
  await settle(element);
}

async function setInput(element: BayAwaySection, input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await element.updateComplete;
}

/** Chooses an entry of "Assign to" with the mouse. */
async function pick(element: BayAwaySection, name: string): Promise<void> {
  combobox(element).click();
  await element.updateComplete;
  const option = [
    ...(element.shadowRoot?.querySelectorAll<HTMLElement>('[role="option"]') ?? []),
  ].find((entry) => entry.querySelector('[part~="option-name"]')?.textContent?.trim() === name);
  if (!option) throw new Error(`No option ${name}`);
  option.click();
  await element.updateComplete;
}

/** The local date `days` from now, and a time, in a zone, as the API stores them. */
function dayIn(days: number, timeZone: string): string {
  return awayUntilAt(Date.now() + days * DAY, timeZone).date;
}

const sharedOptions = {
  tag: 'bay-away-section',
  heading: { en: 'Away status', fr: 'Mode absence' },
  labels: {
    en: [
      'Away mode',
      'You are available.',
      'How it works',
      'What your team sees',
      'Save away status',
    ],
    fr: [
      'Activer le mode absence',
      'Vous êtes disponible.',
      'Comment ça marche',
      'Ce que voit votre équipe',
      'Enregistrer le mode absence',
    ],
  },
  overridable: 'away.save' as const,
  // The preview shows the signed-in user's name as teammates see it.
  shownUser: (element: HTMLElement) =>
    element.shadowRoot?.querySelector('[part~="preview-name"]')?.textContent?.trim() || undefined,
};

everyElementLocalizes(sharedOptions);
everyElementFollowsTheClient(sharedOptions);

describe('<bay-away-section>', () => {
  describe('loading and showing the status', () => {
    it('shows the switch off, “You are available” and the rules, with the article’s labels', async () => {
      const element = await render();
      expect(text(element, 'header')).to.equal('Away status');
      expect(inside(element, '[part~="header"]').getAttribute('role')).to.equal('heading');
      expect(toggle(element).getAttribute('role')).to.equal('switch');
      expect(toggle(element).checked).to.equal(false);
      expect(labelOf(element, toggle(element))).to.equal('Away mode');
      expect(text(element, 'switch-state')).to.equal('Off');
      expect(text(element, 'summary')).to.equal('You are available.');
      expect(descriptionOf(element, toggle(element))).to.equal('You are available.');
      // The assignee and the return only matter while away.
      expect(element.shadowRoot?.querySelector('[name="assignee"]')).to.equal(null);
      expect(texts(element, 'rule')).to.deep.equal([
        'New conversations go to the person or team you choose.',
        'If that person is away too, new conversations stay with you.',
        'A team gives each new conversation to the available member who has waited longest for one.',
        'A conversation you answer while away stays yours.',
        'Your away status turns itself off at the return date.',
      ]);
      expect(text(element, 'preview-name')).to.equal('Alex Martin');
      expect(text(element, 'preview-state')).to.equal('Available');
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('true');
      expect(element.dirty).to.equal(false);
    });

    it('shows since when the user is away, the cover and the return, in the viewer’s zone', async () => {
      const since = new Date(Date.now() - 2 * HOUR).toISOString();
      const until = awayUntilAt(Date.now() + 2 * DAY, 'UTC');
      const element = await render(
        awayClient({
          [ME]: { away: true, since, until, assignee: { kind: 'team', id: SERVICE_TEAM } },
        }),
        { timeZone: 'UTC' },
      );
      const moment = (iso: string) =>
        new Intl.DateTimeFormat('en', {
          timeZone: 'UTC',
          weekday: 'short',
          hour: 'numeric',
          minute: '2-digit',
        }).format(Date.parse(iso));
      expect(moment(since)).to.match(/^[A-Z][a-z]{2} \d{1,2}:\d{2}\s[AP]M$/);
      expect(text(element, 'summary')).to.equal(
        `You have been away since ${moment(since)}, until ${moment(until.at)}.`,
      );
      expect(toggle(element).checked).to.equal(true);
      expect(text(element, 'switch-state')).to.equal('On');
      expect(combobox(element).value).to.equal('Service Team');
      expect(labelOf(element, combobox(element))).to.equal('Assign to');
      expect(dateInput(element).value).to.equal(until.date);
      expect(timeInput(element).value).to.equal(until.time);
      expect(labelOf(element, dateInput(element))).to.equal('Away until');
      expect(labelOf(element, timeInput(element))).to.equal('Time of the day');
      expect(text(element, 'time-zone')).to.contain('(UTC)');
      expect(dateInput(element).min).to.equal(awayUntilAt(Date.now(), 'UTC').date);
      expect(text(element, 'preview-state')).to.equal(
        `Covered by Service Team until ${moment(until.at)}`,
      );
      expect(inside(element, '[part~="preview-name"] svg')).to.exist;
      expect(element.dirty).to.equal(false);
    });

    it('shows a return entered in another time zone converted to the viewer’s, and says so', async () => {
      const at = Date.now() + 3 * DAY;
      const tokyo = awayUntilAt(at, 'Asia/Tokyo');
      const toronto = awayUntilAt(at, 'America/Toronto');
      const element = await render(awayClient({ [ME]: { away: true, until: tokyo } }), {
        timeZone: 'America/Toronto',
      });
      expect(dateInput(element).value).to.equal(toronto.date);
      expect(timeInput(element).value).to.equal(toronto.time);
      const converted = text(element, 'converted') ?? '';
      expect(converted).to.contain(formatMoment('en', at, 'Asia/Tokyo'));
      expect(converted).to.contain('(Asia/Tokyo)');
      expect(converted).to.contain('shown here in your time zone');
      expect(text(element, 'time-zone')).to.contain('(America/Toronto)');
      // Showing it converted is not an edit.
      expect(element.dirty).to.equal(false);
    });

    it('shows a failed load with “Try again” that works', async () => {
      const memory = client({ loaded: false });
      memory.failNext({}, 'away.get');
      const element = await render(memory);
      await waitUntil(() => element.shadowRoot?.querySelector('[role="alert"]'), 'load failure');
      expect(text(element, 'alert')).to.equal(
        'Baylink could not be reached. Check your connection and try again.',
      );
      const retry = inside<HTMLButtonElement>(element, '.actions button');
      expect(retry.textContent?.trim()).to.equal('Try again');
      memory.hold();
      retry.click();
      await element.updateComplete;
      expect(deepText(element)).to.contain('Loading your away status…');
      memory.release();
      await waitUntil(() => element.shadowRoot?.querySelector('[name="away"]'), 'loaded');
    });

    it('says when the people and teams could not be loaded, and loads them again', async () => {
      const memory = client();
      memory.failNext({ status: 500 }, 'teams.list');
      const element = await render(memory);
      await switchAway(element, true);
      await waitUntil(
        () => deepText(element).includes('The people and teams could not be loaded.'),
        'the failure',
      );
      const retry = [...(element.shadowRoot?.querySelectorAll('button') ?? [])].find(
        (button) => button.textContent?.trim() === 'Try again',
      );
      retry?.click();
      await waitUntil(
        () => !deepText(element).includes('could not be loaded'),
        'the teams load again',
      );
      combobox(element).click();
      await element.updateComplete;
      expect(optionNames(element)).to.include('Service Team');
    });
  });

  describe('turning it on', () => {
    it('saves on with a team and an until, the browser’s time zone included', async () => {
      const memory = client();
      const element = await render(memory);
      const changed = oneEvent(element, 'bay-settings-change') as Promise<BaySettingsChangeEvent>;
      await switchAway(element, true);
      expect(text(element, 'switch-state')).to.equal('On');
      expect(element.dirty).to.equal(true);
      expect(combobox(element).value).to.equal('Nobody — keep my conversations');
      expect(text(element, 'time-zone')).to.contain(`(${BROWSER_ZONE})`);
      await pick(element, 'Service Team');
      expect(combobox(element).value).to.equal('Service Team');
      const date = dayIn(2, BROWSER_ZONE);
      await setInput(element, dateInput(element), date);
      await setInput(element, timeInput(element), '08:00');
      expect(text(element, 'preview-state')).to.equal(
        `Covered by Service Team until ${formatMoment('en', zonedInstant(date, '08:00', BROWSER_ZONE), BROWSER_ZONE)}`,
      );
      memory.hold();
      saveButton(element).click();
      await element.updateComplete;
      expect(text(element, 'save-button')).to.equal('Saving…');
      expect(inside(element, 'form').getAttribute('aria-busy')).to.equal('true');
      memory.release();
      const event = await changed;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.section).to.equal('away');
      expect(event.detail.me.id).to.equal(ME);
      expect(event.detail.away?.away).to.equal(true);
      expect(memory.callsOf('away.set').map((call) => call.args)).to.deep.equal([
        [
          {
            away: true,
            assignee: { kind: 'team', id: SERVICE_TEAM },
            until: { date, time: '08:00', timeZone: BROWSER_ZONE },
          },
        ],
      ]);
      await element.updateComplete;
      expect(text(element, 'status')).to.equal('Saved: you are away.');
      expect(text(element, 'summary')).to.match(/^You have been away since .+, until .+\.$/);
      expect(element.dirty).to.equal(false);
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('true');
      const stored = memory.awayStatusOf(ME);
      expect(stored.away).to.equal(true);
      expect(stored.until?.timeZone).to.equal(BROWSER_ZONE);
      expect(Date.parse(stored.until?.at ?? '')).to.equal(
        zonedInstant(date, '08:00', BROWSER_ZONE),
      );
    });

    it('sends the zone of its time-zone attribute when the host sets one', async () => {
      const memory = client();
      const element = await render(memory, { timeZone: 'America/Vancouver' });
      await switchAway(element, true);
      const date = dayIn(5, 'America/Vancouver');
      await setInput(element, dateInput(element), date);
      await setInput(element, timeInput(element), '17:30');
      expect(await element.save()).to.equal(true);
      expect(memory.callsOf('away.set')[0]?.args).to.deep.equal([
        {
          away: true,
          assignee: null,
          until: { date, time: '17:30', timeZone: 'America/Vancouver' },
        },
      ]);
    });

    it('clears the return date with its button', async () => {
      const element = await render(
        awayClient({ [ME]: { away: true, until: awayUntilAt(Date.now() + DAY, 'UTC') } }),
        { timeZone: 'UTC' },
      );
      const clear = inside<HTMLButtonElement>(element, '[part~="clear-button"]');
      expect(clear.getAttribute('aria-label')).to.equal('Clear the return date');
      clear.click();
      await element.updateComplete;
      expect(dateInput(element).value).to.equal('');
      expect(timeInput(element).value).to.equal('');
      expect(clear.getAttribute('aria-disabled')).to.equal('true');
      expect(deepActiveElement()).to.equal(dateInput(element));
      expect(element.input.until).to.equal(null);
      expect(element.dirty).to.equal(true);
    });

    it('asks for the missing half of the return, and refuses a past moment, before sending', async () => {
      const memory = client();
      const element = await render(memory, { timeZone: 'UTC' });
      await switchAway(element, true);
      await setInput(element, dateInput(element), dayIn(1, 'UTC'));
      expect(await element.save()).to.equal(false);
      expect(text(element, 'error')).to.equal(
        'Choose the time of the day you are back, or clear the date.',
      );
      expect(deepActiveElement()).to.equal(timeInput(element));
      expect(timeInput(element).getAttribute('aria-invalid')).to.equal('true');
      await setInput(element, timeInput(element), '09:00');
      expect(element.shadowRoot?.querySelector('[part~="error"]')).to.equal(null);
      await setInput(element, dateInput(element), dayIn(-3, 'UTC'));
      expect(await element.save()).to.equal(false);
      expect(text(element, 'error')).to.equal('Choose a moment in the future.');
      expect(deepActiveElement()).to.equal(dateInput(element));
      expect(memory.callsOf('away.set')).to.have.length(0);
    });
  });

  describe('the “Assign to” picker', () => {
    it('lists nobody, the teams with who is available, then the people, never the user', async () => {
      const element = await render(awayClient({ [ME]: { away: true }, [SAM]: { away: true } }));
      combobox(element).click();
      await element.updateComplete;
      expect(combobox(element).getAttribute('aria-expanded')).to.equal('true');
      expect(texts(element, 'group-label')).to.deep.equal(['Teams', 'People']);
      expect(optionNames(element)).to.deep.equal([
        'Nobody — keep my conversations',
        'Parts',
        'Service Team',
        'Chloé Bouchard',
        'Jordan Lee',
        'Marc Gagnon',
        'Priya Patel',
        'Sam Okafor',
      ]);
      const detailOf = (name: string) =>
        [...(element.shadowRoot?.querySelectorAll('[role="option"]') ?? [])]
          .find((option) => option.textContent?.includes(name))
          ?.querySelector('[part~="option-detail"]')
          ?.textContent?.trim();
      // Service Team: Sam is away and the user themself does not count.
      expect(detailOf('Service Team')).to.equal('1 of 2 available');
      expect(detailOf('Parts')).to.equal('2 of 2 available');
      expect(detailOf('Marc Gagnon')).to.equal('Parts manager');
      const listbox = inside(element, '[role="listbox"]');
      expect(listbox.getAttribute('aria-labelledby')).to.equal('assignee-label');
      expect(combobox(element).getAttribute('aria-controls')).to.equal(listbox.id);
    });

    it('filters as the user types and picks by keyboard: arrows, Enter, Escape', async () => {
      const element = await render(awayClient({ [ME]: { away: true } }));
      combobox(element).focus();
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      expect(combobox(element).getAttribute('aria-expanded')).to.equal('true');
      // The list opens on the current choice.
      const activeId = () => combobox(element).getAttribute('aria-activedescendant');
      expect(activeId()).to.equal('option-none');
      expect(inside(element, '#option-none').getAttribute('aria-selected')).to.equal('true');
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      expect(activeId()).to.equal(`option-team-${PARTS}`);
      await sendKeys({ press: 'ArrowUp' });
      await element.updateComplete;
      expect(activeId()).to.equal('option-none');

      combobox(element).select();
      await sendKeys({ type: 'parts' });
      await element.updateComplete;
      // "Parts" the team, and the people whose job position says parts.
      expect(optionNames(element)).to.deep.equal(['Parts', 'Marc Gagnon', 'Priya Patel']);
      expect(text(element, 'count')).to.equal('3 matches');
      expect(activeId()).to.equal(`option-team-${PARTS}`);
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      expect(activeId()).to.equal(`option-user-${MARC}`);
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(combobox(element).value).to.equal('Marc Gagnon');
      expect(combobox(element).getAttribute('aria-expanded')).to.equal('false');
      expect(combobox(element).hasAttribute('aria-activedescendant')).to.equal(false);
      expect(element.assignee).to.deep.equal({ kind: 'user', id: MARC, name: 'Marc Gagnon' });
      expect(deepActiveElement()).to.equal(combobox(element));
      // Enter in the picker never submits the form.
      expect(element.dirty).to.equal(true);

      // Accents and case aside; nothing matching is said.
      combobox(element).select();
      await sendKeys({ type: 'CHLOE' });
      await element.updateComplete;
      expect(optionNames(element)).to.deep.equal(['Chloé Bouchard']);
      expect(text(element, 'count')).to.equal('1 match');
      await sendKeys({ type: 'zz' });
      await element.updateComplete;
      expect(optionNames(element)).to.deep.equal([]);
      expect(text(element, 'count')).to.equal('No person or team matches “CHLOEzz”.');
      // Escape closes and puts the choice back.
      await sendKeys({ press: 'Escape' });
      await element.updateComplete;
      expect(combobox(element).getAttribute('aria-expanded')).to.equal('false');
      expect(combobox(element).value).to.equal('Marc Gagnon');
      expect(element.assignee?.id).to.equal(MARC);
    });

    it('shows who is away with a clock and their return, and warns when one is chosen', async () => {
      const until = awayUntilAt(Date.now() + 2 * DAY, 'UTC');
      const element = await render(
        awayClient({ [ME]: { away: true }, [SAM]: { away: true, until } }),
        { timeZone: 'UTC' },
      );
      combobox(element).click();
      await element.updateComplete;
      const sam = inside(element, `#option-user-${SAM}`);
      const returns = formatMoment('en', Date.parse(until.at), 'UTC');
      expect(sam.querySelector('[part~="option-away"]')?.textContent?.trim()).to.equal(
        `Away until ${returns}`,
      );
      expect(sam.querySelector('[part~="option-away"] svg')).to.exist;
      // Its accessible name carries it too, not only the colour.
      expect(sam.textContent?.replace(/\s+/g, ' ')).to.contain(`Away until ${returns}`);
      expect(
        inside(element, `#option-user-${MARC}`).querySelector('[part~="option-away"]'),
      ).to.equal(null);
      await pick(element, 'Sam Okafor');
      const warning = `Sam Okafor is away until ${returns}: until then, new conversations will stay with you.`;
      expect(text(element, 'warning')).to.equal(warning);
      expect(descriptionOf(element, combobox(element))).to.contain(warning);
      expect(
        inside(element, '[part~="warning"]').parentElement?.getAttribute('aria-live'),
      ).to.equal('polite');
      await pick(element, 'Jordan Lee');
      expect(element.shadowRoot?.querySelector('[part~="warning"]')).to.equal(null);
    });

    it('warns when nobody in the chosen team is available', async () => {
      const element = await render(
        awayClient({
          [ME]: { away: true },
          '00000000-0000-4000-8000-000000000005': { away: true },
          [MARC]: { away: true },
        }),
      );
      await pick(element, 'Parts');
      expect(text(element, 'warning')).to.equal(
        'Nobody in Parts is available right now: new conversations would stay with you.',
      );
    });
  });

  describe('errors', () => {
    it('shows the client’s 400 on “Away until”, focuses it, and keeps the edits', async () => {
      const memory = client();
      const element = await render(memory, { timeZone: 'UTC' });
      const errors: BayErrorEvent[] = [];
      element.addEventListener('bay-error', (event) => errors.push(event));
      await switchAway(element, true);
      await pick(element, 'Parts');
      const date = dayIn(1, 'UTC');
      await setInput(element, dateInput(element), date);
      await setInput(element, timeInput(element), '10:00');
      memory.failNext(
        {
          status: 400,
          code: 'validation_failed',
          message: 'Invalid input: until',
          details: [{ path: 'until', message: 'The return must be in the future' }],
        },
        'away.set',
      );
      expect(await element.save()).to.equal(false);
      expect(text(element, 'error')).to.equal('The return must be in the future');
      expect(deepActiveElement()).to.equal(dateInput(element));
      expect(dateInput(element).getAttribute('aria-invalid')).to.equal('true');
      expect(descriptionOf(element, dateInput(element))).to.contain(
        'The return must be in the future',
      );
      expect(text(element, 'alert')).to.equal('');
      expect(dateInput(element).value).to.equal(date);
      expect(combobox(element).value).to.equal('Parts');
      expect(element.dirty).to.equal(true);
      expect(errors.map((event) => [event.detail.section, event.detail.operation])).to.deep.equal([
        ['away', 'save'],
      ]);
      // Editing the field clears its error.
      await setInput(element, dateInput(element), dayIn(2, 'UTC'));
      expect(dateInput(element).getAttribute('aria-invalid')).to.equal('false');
    });

    it('shows a refused assignee on the picker and focuses it', async () => {
      const memory = client();
      const element = await render(memory);
      await switchAway(element, true);
      await pick(element, 'Jordan Lee');
      memory.failNext(
        {
          status: 400,
          code: 'validation_failed',
          details: [{ path: 'assignee.id', message: 'No user of the account has this id' }],
        },
        'away.set',
      );
      expect(await element.save()).to.equal(false);
      expect(text(element, 'error')).to.equal('No user of the account has this id');
      expect(deepActiveElement()).to.equal(combobox(element));
      expect(combobox(element).getAttribute('aria-invalid')).to.equal('true');
    });

    it('says a failure that belongs to no field in an alert', async () => {
      const memory = client();
      const element = await render(memory);
      await switchAway(element, true);
      memory.failNext({}, 'away.set');
      expect(await element.save()).to.equal(false);
      expect(inside(element, '[part~="alert"]').getAttribute('role')).to.equal('alert');
      expect(text(element, 'alert')).to.equal(
        'Baylink could not be reached. Check your connection and try again.',
      );
      memory.failNext({ status: 500 }, 'away.set');
      expect(await element.save()).to.equal(false);
      expect(text(element, 'alert')).to.equal('Your away status could not be saved. Try again.');
    });
  });

  describe('turning it off', () => {
    it('saves off, keeps the cover for next time and says the user is available', async () => {
      const memory = awayClient({
        [ME]: {
          away: true,
          until: awayUntilAt(Date.now() + DAY, 'UTC'),
          assignee: { kind: 'user', id: SAM },
        },
      });
      const element = await render(memory, { timeZone: 'UTC' });
      await switchAway(element, false);
      expect(element.shadowRoot?.querySelector('[name="assignee"]')).to.equal(null);
      expect(text(element, 'preview-state')).to.equal('Available');
      expect(element.dirty).to.equal(true);
      saveButton(element).click();
      await waitUntil(() => text(element, 'status') !== '', 'saved');
      expect(memory.callsOf('away.set')[0]?.args).to.deep.equal([
        { away: false, assignee: { kind: 'user', id: SAM }, until: null },
      ]);
      expect(text(element, 'status')).to.equal('Saved: you are available.');
      expect(text(element, 'summary')).to.equal('You are available.');
      expect(memory.awayStatusOf(ME).assignee?.id).to.equal(SAM);
      // Next time, the same cover is offered.
      await switchAway(element, true);
      expect(combobox(element).value).to.equal('Sam Okafor');
      expect(dateInput(element).value).to.equal('');
    });
  });

  describe('changes made elsewhere', () => {
    it('follows another tab, an admin and the automatic return while it holds no edits', async () => {
      const memory = client();
      const element = await render(memory);
      memory.setAway(ME, { away: true, assignee: { kind: 'team', id: PARTS } });
      await settle(element);
      expect(toggle(element).checked).to.equal(true);
      expect(combobox(element).value).to.equal('Parts');
      expect(text(element, 'summary')).to.match(/^You have been away since /);
      expect(text(element, 'status')).to.equal('Your away status was changed elsewhere.');
      expect(element.dirty).to.equal(false);
      memory.endAway(ME);
      await settle(element);
      expect(toggle(element).checked).to.equal(false);
      expect(text(element, 'summary')).to.equal('You are available.');
      expect(text(element, 'status')).to.equal(
        'Your away status turned itself off: you are available.',
      );
    });

    it('keeps the edits and says so when the status changes elsewhere meanwhile', async () => {
      const memory = client();
      const element = await render(memory);
      await switchAway(element, true);
      await pick(element, 'Jordan Lee');
      memory.setAway(ME, { away: true, assignee: { kind: 'team', id: PARTS } });
      await settle(element);
      expect(combobox(element).value).to.equal('Jordan Lee');
      expect(element.dirty).to.equal(true);
      const notice = inside(element, '[part~="notice"]');
      expect(notice.parentElement?.getAttribute('role')).to.equal('status');
      expect(notice.textContent?.replace(/\s+/g, ' ')).to.contain(
        'Your away status was changed elsewhere and is now on. Your edits are kept: saving replaces it.',
      );
      inside<HTMLButtonElement>(element, '[part~="notice-button"]').click();
      await settle(element);
      expect(combobox(element).value).to.equal('Parts');
      expect(element.dirty).to.equal(false);
      expect(element.shadowRoot?.querySelector('[part~="notice"]')).to.equal(null);
    });

    it('does not take its own save for a change made elsewhere', async () => {
      const memory = client();
      const element = await render(memory);
      await switchAway(element, true);
      await element.save();
      await settle(element);
      expect(text(element, 'status')).to.equal('Saved: you are away.');
      expect(element.shadowRoot?.querySelector('[part~="notice"]')).to.equal(null);
    });
  });

  describe('unsaved changes', () => {
    it('dispatches bay-settings-dirty when edits appear and go, and discard() drops them', async () => {
      const element = await render();
      const seen: boolean[] = [];
      element.addEventListener('bay-settings-dirty', (event: BaySettingsDirtyEvent) => {
        expect(event.bubbles && event.composed).to.equal(true);
        seen.push(event.detail.dirty);
      });
      await switchAway(element, true);
      await switchAway(element, false);
      await switchAway(element, true);
      await pick(element, 'Parts');
      element.discard();
      await element.updateComplete;
      expect(toggle(element).checked).to.equal(false);
      expect(seen).to.deep.equal([true, false, true, false]);
      await switchAway(element, true);
      await element.save();
      await element.updateComplete;
      expect(seen).to.deep.equal([true, false, true, false, true, false]);
    });
  });

  describe('French', () => {
    it('renders the article’s French labels and dates', async () => {
      const since = new Date(Date.now() - HOUR).toISOString();
      const element = await render(
        awayClient(
          { [ME]: { away: true, since }, [SAM]: { away: true } },
          { me: { language: 'fr', name: 'Marie Roy' } },
        ),
        { timeZone: 'UTC' },
      );
      expect(text(element, 'header')).to.equal('Mode absence');
      expect(labelOf(element, toggle(element))).to.equal('Activer le mode absence');
      expect(text(element, 'switch-state')).to.equal('Activé');
      expect(text(element, 'summary')).to.equal(
        `Mode absence activé depuis ${formatMoment('fr', Date.parse(since), 'UTC')}.`,
      );
      expect(labelOf(element, combobox(element))).to.equal('Assigner les conversations à');
      expect(labelOf(element, dateInput(element))).to.equal('Absent jusqu’au');
      expect(labelOf(element, timeInput(element))).to.equal('Heure de la journée');
      expect(combobox(element).value).to.equal('Personne — garder mes conversations');
      combobox(element).click();
      await element.updateComplete;
      expect(texts(element, 'group-label')).to.deep.equal(['Équipes', 'Personnes']);
      expect(
        inside(element, `#option-team-${SERVICE_TEAM} [part~="option-detail"]`).textContent?.trim(),
      ).to.equal('1 sur 2 disponible');
      expect(
        inside(element, `#option-team-${PARTS} [part~="option-detail"]`).textContent?.trim(),
      ).to.equal('2 sur 2 disponibles');
      await pick(element, 'Sam Okafor');
      expect(text(element, 'warning')).to.equal(
        'Sam Okafor est aussi en mode absence\u00a0: les nouvelles conversations vous resteront assignées jusqu’à son retour.',
      );
      expect(text(element, 'rules-heading')).to.equal('Comment ça marche');
      expect(text(element, 'save-button')).to.equal('Enregistrer le mode absence');
      expect(deepText(element)).not.to.contain('Away');
    });
  });

  describe('layout', () => {
    it('puts the preview and rules beside the form when wide, below it on a phone', async () => {
      const wide = await render(client(), { width: '960px' });
      const wideForm = inside(wide, 'form').getBoundingClientRect();
      const wideAside = inside(wide, '.aside').getBoundingClientRect();
      expect(wideAside.left).to.be.greaterThan(wideForm.right - 1);
      expect(Math.abs(wideAside.top - wideForm.top)).to.be.lessThan(2);

      const phone = await render(client(), { width: '360px' });
      await switchAway(phone, true);
      const form = inside(phone, 'form').getBoundingClientRect();
      const aside = inside(phone, '.aside').getBoundingClientRect();
      expect(aside.top).to.be.greaterThan(form.bottom - 1);
      expect(phone.getBoundingClientRect().width).to.equal(360);
      // Date and time stack, each as wide as the section.
      const date = dateInput(phone).getBoundingClientRect();
      const time = timeInput(phone).getBoundingClientRect();
      expect(time.top).to.be.greaterThan(date.bottom - 1);
      expect(Math.round(date.width)).to.equal(Math.round(form.width));
      // Nothing sticks out sideways.
      expect(phone.scrollWidth).to.be.at.most(360);
    });
  });

  describe('accessibility', () => {
    it('passes axe off, on with the list open and a warning, and with an error', async () => {
      const off = await render();
      await expectAccessible(off);
      const element = await render(
        awayClient({
          [ME]: { away: true, until: awayUntilAt(Date.now() + DAY, 'Asia/Tokyo') },
          [SAM]: { away: true, until: awayUntilAt(Date.now() + DAY) },
        }),
      );
      await pick(element, 'Sam Okafor');
      combobox(element).focus();
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      expect(combobox(element).getAttribute('aria-expanded')).to.equal('true');
      await expectAccessible(element);
      await sendKeys({ press: 'Escape' });
      await setInput(element, timeInput(element), '');
      await element.save();
      expect(element.shadowRoot?.querySelector('[part~="error"]')).to.exist;
      await expectAccessible(element);
    });

    it('exposes every part it documents', async () => {
      const element = await render(
        awayClient({ [ME]: { away: true, until: awayUntilAt(Date.now() + DAY, 'Asia/Tokyo') } }),
        { timeZone: 'UTC' },
      );
      // A dirty form that changed elsewhere shows the notice; an away pick shows the warning.
      memory(element).setAway(SAM, { away: true });
      await pick(element, 'Sam Okafor');
      const tokyo = awayUntilAt(Date.now() + DAY, 'Asia/Tokyo');
      memory(element).setAway(ME, {
        away: true,
        until: { date: tokyo.date, time: tokyo.time, timeZone: 'Asia/Tokyo' },
      });
      await settle(element);
      combobox(element).focus();
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      const present = new Set(
        [...(element.shadowRoot?.querySelectorAll('[part]') ?? [])].flatMap((node) =>
          (node.getAttribute('part') ?? '').split(/\s+/),
        ),
      );
      // `error`, `status`'s text and `alert` show only with a message: checked above.
      for (const part of AWAY_SECTION_PARTS.filter((name) => name !== 'error')) {
        expect(present.has(part), part).to.equal(true);
      }
    });
  });

  describe('pure helpers', () => {
    it('reads a wall time in a zone as the API does, across daylight-saving changes', () => {
      // 2026-03-08 02:30 does not exist in Toronto (clocks jump from 2:00 to 3:00): 3:30 EDT.
      expect(
        new Date(zonedInstant('2026-03-08', '02:30', 'America/Toronto')).toISOString(),
      ).to.equal('2026-03-08T07:30:00.000Z');
      // 2026-11-01 01:30 happens twice in Toronto: the first, in EDT.
      expect(
        new Date(zonedInstant('2026-11-01', '01:30', 'America/Toronto')).toISOString(),
      ).to.equal('2026-11-01T05:30:00.000Z');
      expect(new Date(zonedInstant('2026-07-01', '08:00', 'Asia/Tokyo')).toISOString()).to.equal(
        '2026-06-30T23:00:00.000Z',
      );
      expect(zonedInstant('2026-02-30', '08:00', 'UTC')).to.be.NaN;
    });

    it('says a moment within the week by weekday, further ones with their date', () => {
      const now = Date.parse('2026-03-02T12:00:00Z');
      // (Between the time and AM, ICU puts a narrow no-break space.)
      expect(formatMoment('en', Date.parse('2026-03-03T08:00:00Z'), 'UTC', now)).to.match(
        /^Tue 8:00\sAM$/,
      );
      expect(formatMoment('en', Date.parse('2026-03-20T08:00:00Z'), 'UTC', now)).to.match(
        /^Fri, Mar 20, 8:00\sAM$/,
      );
      expect(formatMoment('en', Date.parse('2027-01-05T08:00:00Z'), 'UTC', now)).to.match(
        /^Tue, Jan 5, 2027, 8:00\sAM$/,
      );
      expect(formatMoment('fr', Date.parse('2026-03-03T08:00:00Z'), 'UTC', now)).to.equal(
        'mar. 08:00',
      );
    });

    it('filters entries by every word typed, accents and case aside', () => {
      const option = (name: string, detail = '') => ({
        key: `user:${name}`,
        kind: 'user' as const,
        assignee: { kind: 'user' as const, id: name, name },
        detail,
        away: false,
        awayUntil: null,
        unavailable: false,
        searchText: `${name} ${detail}`
          .normalize('NFD')
          .replace(/\p{Diacritic}/gu, '')
          .toLowerCase(),
      });
      const options = [option('Chloé Bouchard', 'Service manager'), option('Marc Gagnon', 'Parts')];
      expect(filterOptions(options, 'chloe serv').map((entry) => entry.key)).to.deep.equal([
        'user:Chloé Bouchard',
      ]);
      expect(filterOptions(options, '  ')).to.have.length(2);
      expect(filterOptions(options, 'nobody')).to.have.length(0);
    });
  });

  describe('in the settings panel', () => {
    it('is the Away Status tab, between Signature and Notifications, and deep-links', async () => {
      expect(awaySettingsSection.name).to.equal('away');
      expect(awaySettingsSection.label).to.equal('settings.section.away');
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 960px">
          <bay-settings-panel section="away" .client=${client()}></bay-settings-panel>
        </div>`,
      );
      const panel = wrapper.querySelector('bay-settings-panel') as BaySettingsPanel;
      const tabs = () => [
        ...(panel.shadowRoot?.querySelectorAll<HTMLElement>('[role="tab"]') ?? []),
      ];
      await waitUntil(() => tabs().length === 5, 'every section', { timeout: 5000 });
      expect(tabs().map((tab) => tab.dataset.section)).to.deep.equal([
        'profile',
        'password',
        'signature',
        'away',
        'notifications',
      ]);
      expect(tabs().map((tab) => tab.textContent?.trim())).to.deep.equal([
        'Profile',
        'Password',
        'Signature',
        'Away Status',
        'Notifications',
      ]);
      const section = panel.sectionElement as BayAwaySection;
      expect(section.localName).to.equal('bay-away-section');
      expect(section.getAttribute('heading-level')).to.equal('3');
      await settle(section);
      expect(
        section.shadowRoot?.querySelector('[part~="header"]')?.getAttribute('aria-level'),
      ).to.equal('3');
      expect(
        section.shadowRoot?.querySelector('[part~="rules-heading"]')?.getAttribute('aria-level'),
      ).to.equal('4');
      expect(
        panel.shadowRoot
          ?.querySelector('[role="tab"][data-section="away"]')
          ?.getAttribute('aria-selected'),
      ).to.equal('true');
      // Its parts are re-exported: bay-settings-panel::part(combobox) reaches them.
      expect(section.getAttribute('exportparts')).to.contain('combobox');
      // The panel guards its edits.
      toggle(section).click();
      await settle(section);
      expect(panel.dirty).to.equal(true);
    });
  });
});

function memory(element: BayAwaySection): MemoryClient {
  return element.client as MemoryClient;
}
