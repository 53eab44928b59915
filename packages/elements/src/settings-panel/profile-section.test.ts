/// <reference types="mocha" />
import type { Me } from '@baylink/sdk';
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { BayErrorEvent, BaySettingsChangeEvent } from '../internal/events.ts';
import { deepActiveElement, deepText, expectAccessible } from '../testing/helpers.ts';
import {
  createMemoryClient,
  createTestImage,
  type MemoryClient,
} from '../testing/memory-client.ts';
import {
  controlValue,
  everyElementFollowsTheClient,
  everyElementLocalizes,
} from '../testing/suites.ts';
import './bay-profile-section.ts';
import type { BayProfileSection } from './profile-section.ts';

async function render(
  client: MemoryClient = createMemoryClient(),
  attributes: { lang?: string; theme?: string } = {},
): Promise<BayProfileSection> {
  const element = await fixture<BayProfileSection>(
    html`<bay-profile-section .client=${client}></bay-profile-section>`,
  );
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  await element.updateComplete;
  return element;
}

function inside<E extends Element = HTMLElement>(element: BayProfileSection, selector: string): E {
  const found = element.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`No ${selector} in <bay-profile-section>`);
  return found;
}

function control(element: BayProfileSection, name: string): HTMLInputElement {
  return inside<HTMLInputElement>(element, `[name="${name}"]`);
}

function saveButton(element: BayProfileSection): HTMLButtonElement {
  return inside<HTMLButtonElement>(element, '[part~="save-button"]');
}

async function type(element: BayProfileSection, name: string, value: string): Promise<void> {
  const input = control(element, name);
  input.value = value;
  input.dispatchEvent(
    new Event(input.localName === 'select' ? 'change' : 'input', { bubbles: true, composed: true }),
  );
  await element.updateComplete;
}

function labelOf(element: BayProfileSection, name: string): string {
  const input = control(element, name);
  return inside(element, `label[for="${input.id}"]`).textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function errorOf(element: BayProfileSection, name: string): string | undefined {
  const input = control(element, name);
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids
    .map((id) => element.shadowRoot?.getElementById(id))
    .find((node) => node?.matches('[part~="error"]'));
  return error?.textContent?.trim();
}

function chooseFile(element: BayProfileSection, file: File): void {
  const input = control(element, 'photo');
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const sharedOptions = {
  tag: 'bay-profile-section',
  heading: { en: 'Profile information', fr: 'Informations du profil' },
  labels: {
    en: [
      'Upload photo',
      'Name',
      'Email',
      'Preferred language',
      'Job position',
      'Reference ID',
      'Save changes',
    ],
    fr: [
      'Téléverser la photo',
      'Nom',
      'Adresse courriel',
      'Préférence linguistique',
      'Poste',
      'Numéro d’identification',
      'Enregistrer les modifications',
    ],
  },
  overridable: 'profile.save' as const,
  shownUser: (element: HTMLElement) => controlValue(element, 'name'),
};

everyElementLocalizes(sharedOptions);
everyElementFollowsTheClient(sharedOptions);

describe('<bay-profile-section>', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  describe('rendering', () => {
    it('shows the profile in fields with stable names and English labels', async () => {
      const element = await render(
        createMemoryClient({
          me: {
            name: 'Alex Martin',
            email: 'alex@example.com',
            jobPosition: 'Service advisor',
            referenceId: 'SA-12',
          },
        }),
      );
      expect(control(element, 'name').value).to.equal('Alex Martin');
      expect(control(element, 'email').value).to.equal('alex@example.com');
      expect(control(element, 'language').value).to.equal('en');
      expect(control(element, 'jobPosition').value).to.equal('Service advisor');
      expect(control(element, 'referenceId').value).to.equal('SA-12');
      expect(labelOf(element, 'name')).to.equal('Name');
      expect(labelOf(element, 'email')).to.equal('Email');
      expect(labelOf(element, 'language')).to.equal('Preferred language');
      expect(labelOf(element, 'jobPosition')).to.equal('Job position (optional)');
      expect(labelOf(element, 'referenceId')).to.equal('Reference ID (optional)');
      const text = deepText(element);
      expect(text).to.contain('Used for all communications from Baylink.');
      expect(text).to.contain('Your ID in another software integrated with Baylink');
      expect(text).to.contain('only visible in Baylink, next to your name, to your colleagues');
      expect(control(element, 'photo').accept).to.equal('image/jpeg,image/png,image/webp');
      expect(inside(element, '[part~="header"]').getAttribute('role')).to.equal('heading');
    });

    it('shows the French labels of the help article', async () => {
      const element = await render(createMemoryClient({ me: { language: 'fr' } }));
      expect(inside(element, '[part~="header"]').textContent?.trim()).to.equal(
        'Informations du profil',
      );
      expect(labelOf(element, 'name')).to.equal('Nom');
      expect(labelOf(element, 'email')).to.equal('Adresse courriel');
      expect(labelOf(element, 'language')).to.equal('Préférence linguistique');
      expect(labelOf(element, 'jobPosition')).to.equal('Poste (facultatif)');
      expect(labelOf(element, 'referenceId')).to.equal('Numéro d’identification (ID) (facultatif)');
      expect(inside(element, '[part~="upload-button"]').textContent?.trim()).to.equal(
        'Téléverser la photo',
      );
      expect(saveButton(element).textContent?.trim()).to.equal('Enregistrer les modifications');
      const text = deepText(element);
      expect(text).to.contain('ne sera pas visible pour vos clients');
      expect(text).to.contain('toutes les communications de Baylink');
      expect(text).to.contain('JPEG, PNG ou WebP, jusqu’à 5 Mo.');
    });

    it('names each language in that language', async () => {
      const element = await render(createMemoryClient({ me: { language: 'fr' } }));
      const options = Array.from(control(element, 'language').querySelectorAll('option'));
      expect(
        options.map((option) => [option.value, option.lang, option.textContent?.trim()]),
      ).to.deep.equal([
        ['en', 'en', 'English'],
        ['fr', 'fr', 'Français'],
      ]);
    });

    it('shows initials without a photo, and the photo as the avatar’s src with one', async () => {
      const without = await render(
        createMemoryClient({ me: { name: 'Marie-Ève Tremblay', photoUrl: null } }),
      );
      const initials = inside(without, '[part~="avatar"]');
      expect(initials.localName).to.equal('span');
      expect(initials.textContent?.trim()).to.equal('MT');
      expect(without.shadowRoot?.querySelector('[part~="delete-button"]')).to.equal(null);

      const photo = URL.createObjectURL(await createTestImage('#c00'));
      const withPhoto = await render(createMemoryClient({ me: { photoUrl: photo } }));
      const avatar = inside<HTMLImageElement>(withPhoto, 'img[part~="avatar"]');
      expect(avatar.getAttribute('src')).to.equal(photo);
      expect(avatar.alt).to.equal('Your profile photo');
      expect(inside(withPhoto, '[part~="delete-button"]').textContent?.trim()).to.equal(
        'Delete photo',
      );
    });

    it('falls back to initials when the photo cannot be loaded', async () => {
      const element = await render(
        createMemoryClient({
          me: { name: 'Alex Martin', photoUrl: 'data:image/png;base64,bm90IGFuIGltYWdl' },
        }),
      );
      await waitUntil(
        () => element.shadowRoot?.querySelector('span[part~="avatar"]'),
        'initials shown',
      );
      expect(inside(element, '[part~="avatar"]').textContent?.trim()).to.equal('AM');
    });

    it('says it is loading, then shows the profile', async () => {
      const client = createMemoryClient({ loaded: false, latency: 50 });
      const element = await render(client);
      expect(deepText(element)).to.contain('Loading your profile…');
      await waitUntil(() => element.shadowRoot?.querySelector('[name="name"]'), 'profile shown');
      expect(client.calls.map((call) => call.method)).to.deep.equal(['get']);
    });

    it('offers to try again when the profile cannot be loaded', async () => {
      const client = createMemoryClient({ loaded: false });
      client.failNext();
      const element = await render(client);
      await waitUntil(
        () => element.shadowRoot?.querySelector('[role="alert"]')?.textContent?.trim(),
        'alert',
      );
      expect(inside(element, '[role="alert"]').textContent).to.contain(
        'Baylink could not be reached',
      );
      const retry = inside<HTMLButtonElement>(element, 'button');
      expect(retry.textContent?.trim()).to.equal('Try again');
      retry.click();
      await waitUntil(
        () => element.shadowRoot?.querySelector('[name="name"]'),
        'profile shown after retry',
      );
    });

    it('passes an accessibility check with errors, a photo and in dark mode', async () => {
      const photo = URL.createObjectURL(await createTestImage());
      const element = await render(createMemoryClient({ me: { photoUrl: photo } }));
      await type(element, 'name', '');
      await type(element, 'email', 'nope');
      await element.save();
      expect(errorOf(element, 'name')).to.equal('Enter your name.');
      await expectAccessible(element);
      element.setAttribute('theme', 'dark');
      await element.updateComplete;
      await expectAccessible(element);
    });
  });

  describe('editing and saving', () => {
    it('keeps "Save changes" disabled until something changed', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('true');
      saveButton(element).click();
      await aTimeout(0);
      expect(client.calls.filter((call) => call.method === 'update')).to.have.length(0);
      await type(element, 'jobPosition', 'Service manager');
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('false');
      await type(element, 'jobPosition', 'Service advisor  ');
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('true');
    });

    it('is usable from the keyboard: Tab through the fields, Enter saves', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      inside<HTMLButtonElement>(element, '[part~="upload-button"]').focus();
      const order: string[] = [];
      for (let index = 0; index < 6; index += 1) {
        await sendKeys({ press: 'Tab' });
        const active = deepActiveElement();
        order.push(active?.getAttribute('name') ?? active?.getAttribute('part') ?? '?');
      }
      expect(order).to.deep.equal([
        'name',
        'email',
        'language',
        'jobPosition',
        'referenceId',
        'save-button',
      ]);

      control(element, 'name').focus();
      await sendKeys({ press: 'End' });
      await sendKeys({ type: ' Jr' });
      await element.updateComplete;
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('false');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => deepText(element).includes('Your profile was saved.'), 'saved');
      expect(client.calls.find((call) => call.method === 'update')?.args).to.deep.equal([
        { name: 'Alex Martin Jr' },
      ]);
    });

    it('refuses an empty name and a bad email without calling the API, and focuses the first', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      await type(element, 'name', '   ');
      await type(element, 'email', 'alex.example.com');
      saveButton(element).click();
      await waitUntil(() => errorOf(element, 'name'), 'name error');
      expect(errorOf(element, 'name')).to.equal('Enter your name.');
      expect(errorOf(element, 'email')).to.equal(
        'Enter an email address such as name@example.com.',
      );
      expect(control(element, 'name').getAttribute('aria-invalid')).to.equal('true');
      expect(control(element, 'email').getAttribute('aria-invalid')).to.equal('true');
      expect(control(element, 'language').getAttribute('aria-invalid')).to.equal('false');
      expect(deepActiveElement()).to.equal(control(element, 'name'));
      expect(client.calls.filter((call) => call.method === 'update')).to.have.length(0);

      // Fixing a field clears its message as the user types.
      await type(element, 'name', 'Alex');
      expect(errorOf(element, 'name')).to.equal(undefined);
      expect(control(element, 'name').getAttribute('aria-invalid')).to.equal('false');
      expect(errorOf(element, 'email')).to.not.equal(undefined);
    });

    it('refuses a cleared email and text longer than the limits', async () => {
      const element = await render();
      await type(element, 'email', '');
      await type(element, 'referenceId', 'x'.repeat(129));
      expect(await element.save()).to.equal(false);
      expect(errorOf(element, 'email')).to.equal('Enter your email address.');
      expect(errorOf(element, 'referenceId')).to.equal('Use 128 characters or fewer.');
    });

    it('shows a saving state, then says the profile was saved', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      const changed = oneEvent(element, 'bay-settings-change') as Promise<BaySettingsChangeEvent>;
      client.hold();
      await type(element, 'name', 'Alexandra Martin');
      await type(element, 'referenceId', ' SA-42 ');
      saveButton(element).click();
      await element.updateComplete;
      const form = inside(element, 'form');
      expect(form.getAttribute('aria-busy')).to.equal('true');
      expect(saveButton(element).textContent?.trim()).to.equal('Saving…');
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('true');
      saveButton(element).click();

      client.release();
      const event = await changed;
      await element.updateComplete;
      expect(event.detail.section).to.equal('profile');
      expect(event.detail.me.name).to.equal('Alexandra Martin');
      expect(client.calls.filter((call) => call.method === 'update')).to.have.length(1);
      expect(client.profile.referenceId).to.equal('SA-42');
      expect(form.getAttribute('aria-busy')).to.equal('false');
      expect(saveButton(element).textContent?.trim()).to.equal('Save changes');
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('true');
      const status = inside(element, '[part~="status"]');
      expect(status.getAttribute('role')).to.equal('status');
      expect(status.textContent?.trim()).to.equal('Your profile was saved.');
      expect(control(element, 'referenceId').value).to.equal('SA-42');

      await type(element, 'jobPosition', 'Manager');
      expect(status.textContent?.trim()).to.equal('');
    });

    it('shows the API’s 400 details on their fields and focuses the first', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      const failed = oneEvent(element, 'bay-error') as Promise<BayErrorEvent>;
      client.failNext({
        status: 400,
        code: 'validation_failed',
        message: 'The request is not valid',
        details: [
          { path: 'jobPosition', message: 'Job position contains forbidden characters' },
          { path: 'email', message: 'This mailbox does not accept mail' },
        ],
      });
      await type(element, 'email', 'alex@blocked.example');
      await type(element, 'jobPosition', 'Advisor <b>');
      saveButton(element).click();
      const event = await failed;
      expect(event.detail.operation).to.equal('save');
      expect(event.detail.error.status).to.equal(400);
      await waitUntil(() => errorOf(element, 'email'), 'email error');
      expect(errorOf(element, 'email')).to.equal('This mailbox does not accept mail');
      expect(errorOf(element, 'jobPosition')).to.equal(
        'Job position contains forbidden characters',
      );
      expect(deepActiveElement()).to.equal(control(element, 'email'));
      expect(inside(element, '[part~="alert"]').textContent?.trim()).to.equal('');
      expect(control(element, 'email').value).to.equal('alex@blocked.example');
    });

    it('explains a taken email address in the user’s language', async () => {
      const client = createMemoryClient({ me: { language: 'fr' } });
      const element = await render(client);
      client.failNext({ status: 409, code: 'email_taken', message: 'Email already used' });
      await type(element, 'email', 'sam@example.com');
      expect(await element.save()).to.equal(false);
      expect(errorOf(element, 'email')).to.equal(
        'Un autre utilisateur a déjà cette adresse courriel.',
      );
    });

    it('lists details that belong to no field in the alert', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      client.failNext({
        status: 400,
        code: 'validation_failed',
        details: [{ path: 'signature', message: 'Unrecognized key' }],
      });
      await type(element, 'name', 'Alex M.');
      await element.save();
      const alert = inside(element, '[part~="alert"]');
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.contain('Check the fields marked in error.');
      expect(alert.textContent).to.contain('signature: Unrecognized key');
    });

    it('says so in an alert when the API cannot be reached, keeping what was typed', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      client.failNext();
      await type(element, 'name', 'Alex Martin-Roy');
      saveButton(element).click();
      await waitUntil(() => inside(element, '[part~="alert"]').textContent?.trim(), 'alert');
      expect(inside(element, '[part~="alert"]').textContent?.trim()).to.equal(
        'Baylink could not be reached. Check your connection and try again.',
      );
      expect(control(element, 'name').value).to.equal('Alex Martin-Roy');
      expect(saveButton(element).getAttribute('aria-disabled')).to.equal('false');
      expect(inside(element, '[part~="status"]').textContent?.trim()).to.equal('');

      client.failNext({ status: 500, code: 'internal' });
      await element.save();
      expect(inside(element, '[part~="alert"]').textContent?.trim()).to.equal(
        'Your profile could not be saved. Try again.',
      );
      expect(await element.save()).to.equal(true);
      expect(inside(element, '[part~="alert"]').textContent?.trim()).to.equal('');
    });

    it('switches to French at once when the user saves French as preferred language', async () => {
      const element = await render();
      expect(inside(element, '[part~="header"]').textContent?.trim()).to.equal(
        'Profile information',
      );
      await type(element, 'language', 'fr');
      // Choosing is not saving: still English.
      expect(labelOf(element, 'name')).to.equal('Name');
      saveButton(element).click();
      await waitUntil(() => labelOf(element, 'name') === 'Nom', 'French labels');
      expect(inside(element, '[part~="header"]').textContent?.trim()).to.equal(
        'Informations du profil',
      );
      expect(inside(element, '[part~="status"]').textContent?.trim()).to.equal(
        'Votre profil a été enregistré.',
      );
      expect(inside(element, 'section').lang).to.equal('fr');
    });

    it('keeps its lang attribute over a newly saved preferred language', async () => {
      const element = await render(createMemoryClient(), { lang: 'en' });
      await type(element, 'language', 'fr');
      await element.save();
      expect(labelOf(element, 'name')).to.equal('Name');
    });

    it('follows a change made elsewhere to fields the user has not touched', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      await type(element, 'jobPosition', 'Shop foreman');
      client.externalUpdate({ name: 'Alex M. Martin', jobPosition: 'Technician' });
      await element.updateComplete;
      expect(control(element, 'name').value).to.equal('Alex M. Martin');
      expect(control(element, 'jobPosition').value).to.equal('Shop foreman');
    });
  });

  describe('photo', () => {
    it('opens the file chooser from the "Upload photo" button', async () => {
      const element = await render();
      const input = control(element, 'photo');
      let opened = false;
      input.addEventListener('click', (event) => {
        opened = true;
        event.preventDefault();
      });
      inside<HTMLButtonElement>(element, '[part~="upload-button"]').click();
      expect(opened).to.equal(true);
    });

    it('previews the chosen photo, shows upload progress, then the saved photo', async () => {
      const client = createMemoryClient({ uploadDuration: 600, uploadSteps: 4 });
      const element = await render(client);
      const changed = oneEvent(element, 'bay-settings-change') as Promise<BaySettingsChangeEvent>;
      chooseFile(element, await createTestImage('#0a0'));
      await element.updateComplete;

      const preview = inside<HTMLImageElement>(element, 'img[part~="avatar"]');
      expect(preview.src).to.match(/^blob:/);
      const progress = inside<HTMLProgressElement>(element, '[part~="progress"]');
      expect(progress.localName).to.equal('progress');
      expect(progress.getAttribute('aria-label')).to.equal('Uploading photo');
      expect(inside(element, '[part~="upload-button"]').getAttribute('aria-disabled')).to.equal(
        'true',
      );
      await waitUntil(() => {
        const bar = element.shadowRoot?.querySelector<HTMLProgressElement>('[part~="progress"]');
        return bar && bar.position > 0 && bar.position < 1;
      }, 'progress part-way');
      expect(inside(element, '[part~="progress"]').getAttribute('aria-valuetext')).to.match(
        /^\d+%$/,
      );

      const event = await changed;
      await element.updateComplete;
      expect(event.detail.me.photoUrl).to.equal(client.profile.photoUrl);
      const avatar = inside<HTMLImageElement>(element, 'img[part~="avatar"]');
      expect(avatar.getAttribute('src')).to.equal(client.profile.photoUrl);
      expect(element.shadowRoot?.querySelector('[part~="progress"]')).to.equal(null);
      expect(deepText(element)).to.contain('Your photo was uploaded.');
      expect(inside(element, '[part~="delete-button"]').getAttribute('aria-disabled')).to.equal(
        'false',
      );
    });

    it('refuses a file that is not a JPEG, PNG or WebP image without sending it', async () => {
      const client = createMemoryClient();
      const element = await render(client);
      chooseFile(element, new File(['%PDF-1.7'], 'scan.pdf', { type: 'application/pdf' }));
      await element.updateComplete;
      const error = inside(element, '.photo [part~="error"]');
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent?.trim()).to.equal(
        'This file is not a JPEG, PNG or WebP image. Choose another photo.',
      );
      expect(client.calls.filter((call) => call.method === 'uploadPhoto')).to.have.length(0);
      expect(element.shadowRoot?.querySelector('img[part~="avatar"]')).to.equal(null);
    });

    it('refuses a photo over 5 MB without sending it', async () => {
      const client = createMemoryClient({ me: { language: 'fr' } });
      const element = await render(client);
      const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.png', { type: 'image/png' });
      chooseFile(element, big);
      await element.updateComplete;
      // Intl separates the number and the unit with a no-break space: compare spaces loosely.
      expect(
        inside(element, '.photo [part~="error"]').textContent?.trim().replace(/\s/g, ' '),
      ).to.equal('Cette photo dépasse 5 Mo. Choisissez-en une plus petite.');
      element.setAttribute('lang', 'en');
      await element.updateComplete;
      expect(
        inside(element, '.photo [part~="error"]').textContent?.trim().replace(/\s/g, ' '),
      ).to.equal('This photo is larger than 5 MB. Choose a smaller one.');
      expect(client.calls.filter((call) => call.method === 'uploadPhoto')).to.have.length(0);
    });

    it('puts the previous photo back when the upload fails', async () => {
      const photo = URL.createObjectURL(await createTestImage('#00c'));
      const client = createMemoryClient({ me: { photoUrl: photo }, uploadDuration: 100 });
      const element = await render(client);
      const failed = oneEvent(element, 'bay-error') as Promise<BayErrorEvent>;
      client.failNext({ status: 500, code: 'internal' }, 'uploadPhoto');
      expect(await element.uploadPhoto(await createTestImage('#0c0'))).to.equal(false);
      expect((await failed).detail.operation).to.equal('upload-photo');
      expect(inside(element, 'img[part~="avatar"]').getAttribute('src')).to.equal(photo);
      expect(inside(element, '.photo [part~="error"]').textContent?.trim()).to.equal(
        'Your photo could not be uploaded. Try again.',
      );
    });

    it('deletes the photo, disabled while busy, and keeps focus in the photo area', async () => {
      const photo = URL.createObjectURL(await createTestImage());
      const client = createMemoryClient({ me: { name: 'Alex Martin', photoUrl: photo } });
      const element = await render(client);
      const changed = oneEvent(element, 'bay-settings-change') as Promise<BaySettingsChangeEvent>;
      const remove = inside<HTMLButtonElement>(element, '[part~="delete-button"]');
      remove.focus();
      client.hold();
      remove.click();
      await element.updateComplete;
      expect(remove.getAttribute('aria-disabled')).to.equal('true');
      expect(inside(element, '[part~="upload-button"]').getAttribute('aria-disabled')).to.equal(
        'true',
      );
      remove.click();
      client.release();
      const event = await changed;
      await waitUntil(
        () => !element.shadowRoot?.querySelector('[part~="delete-button"]'),
        'button gone',
      );
      expect(event.detail.me.photoUrl).to.equal(null);
      expect(client.calls.filter((call) => call.method === 'deletePhoto')).to.have.length(1);
      expect(inside(element, '[part~="avatar"]').textContent?.trim()).to.equal('AM');
      expect(deepActiveElement()).to.equal(inside(element, '[part~="upload-button"]'));
      expect(deepText(element)).to.contain('Your photo was deleted.');
    });
  });

  describe('layout and theming', () => {
    async function inContainer(width: string): Promise<BayProfileSection> {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: ${width}"><bay-profile-section .client=${createMemoryClient()}></bay-profile-section></div>`,
      );
      const element = wrapper.querySelector('bay-profile-section') as BayProfileSection;
      await element.updateComplete;
      return element;
    }

    const columns = (element: BayProfileSection) =>
      getComputedStyle(inside(element, '.layout')).gridTemplateColumns.split(' ').length;

    it('puts the photo beside the fields in a wide container', async () => {
      const element = await inContainer('1000px');
      expect(columns(element)).to.equal(2);
      const photo = inside(element, '[part~="photo"]').getBoundingClientRect();
      const form = inside(element, 'form').getBoundingClientRect();
      expect(form.left).to.be.greaterThan(photo.right - 1);
    });

    it('stacks into one column in a phone-wide container, whatever the viewport', async () => {
      const element = await inContainer('375px');
      expect(columns(element)).to.equal(1);
      const photo = inside(element, '[part~="photo"]').getBoundingClientRect();
      const form = inside(element, 'form').getBoundingClientRect();
      expect(form.top).to.be.greaterThan(photo.bottom - 1);
      const container = (element.parentElement as HTMLElement).getBoundingClientRect();
      expect(form.right).to.be.at.most(container.right + 1);
    });

    it('takes --bay-* tokens and ::part() styles from the page', async () => {
      const wrapper =
        await fixture<HTMLDivElement>(html`<div style="--bay-color-accent: rgb(10, 120, 30); --bay-radius: 3px">
        <style>
          bay-profile-section::part(label) { text-transform: uppercase; }
          bay-profile-section::part(avatar) { outline: 4px solid rgb(200, 0, 0); }
        </style>
        <bay-profile-section .client=${createMemoryClient()}></bay-profile-section>
      </div>`);
      const element = wrapper.querySelector('bay-profile-section') as BayProfileSection;
      await element.updateComplete;
      await type(element, 'name', 'Alex Martin-Roy');
      const button = getComputedStyle(saveButton(element));
      expect(button.backgroundColor).to.equal('rgb(10, 120, 30)');
      expect(button.borderTopLeftRadius).to.equal('3px');
      expect(getComputedStyle(inside(element, 'label')).textTransform).to.equal('uppercase');
      expect(getComputedStyle(inside(element, '[part~="avatar"]')).outlineColor).to.equal(
        'rgb(200, 0, 0)',
      );
    });

    it('uses dark colours with theme="dark" or a dark system preference, unless theme="light"', async () => {
      const element = await render();
      const background = () => getComputedStyle(element).backgroundColor;
      expect(background()).to.equal('rgb(255, 255, 255)');
      element.theme = 'dark';
      await element.updateComplete;
      expect(element.getAttribute('theme')).to.equal('dark');
      expect(background()).to.equal('rgb(22, 24, 29)');
      element.theme = undefined;
      await element.updateComplete;
      await emulateMedia({ colorScheme: 'dark' });
      expect(background()).to.equal('rgb(22, 24, 29)');
      element.setAttribute('theme', 'light');
      expect(background()).to.equal('rgb(255, 255, 255)');
    });
  });

  describe('events', () => {
    it('sends bay-settings-change, bubbling and composed, to the whole page', async () => {
      const outer = await fixture<HTMLDivElement>(html`<div></div>`);
      const host = outer.attachShadow({ mode: 'open' });
      const element = document.createElement('bay-profile-section');
      element.client = createMemoryClient();
      host.append(element);
      await element.updateComplete;
      const received = oneEvent(document, 'bay-settings-change') as Promise<BaySettingsChangeEvent>;
      await type(element, 'jobPosition', 'Parts manager');
      await element.save();
      const event = await received;
      expect(event.bubbles).to.equal(true);
      expect(event.composed).to.equal(true);
      expect(event.detail).to.deep.include({ section: 'profile' });
      expect((event.detail.me as Me).jobPosition).to.equal('Parts manager');
    });
  });
});
