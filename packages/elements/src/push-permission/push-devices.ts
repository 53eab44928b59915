import {
  type BaylinkClient,
  type BaylinkError,
  type BrowserPushOptions,
  isBaylinkError,
  type PushDevice,
  type PushTestResult,
} from '@baylink/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { formStyles } from '../internal/form.styles.ts';
import type { PlainTranslationKey } from '../internal/localize.ts';
import { pushDevicesStyles } from './push-devices.styles.ts';
import { formatDate, timeAgo } from './push-format.ts';
import { announcePushChange, listenPushChanges } from './push-hub.ts';
import { DEFAULT_SERVICE_WORKER_URL } from './push-permission.ts';

/** Every part of `<bay-push-devices>`, for `exportparts` on elements that nest it. */
export const PUSH_DEVICES_PARTS = [
  'base',
  'header',
  'intro',
  'list',
  'device',
  'device-label',
  'this-browser',
  'device-meta',
  'device-actions',
  'test-button',
  'revoke-button',
  'result',
  'empty',
  'retry-button',
  'status',
  'alert',
  'confirm-dialog',
  'confirm-button',
  'cancel-button',
] as const;

/** What happened to the last test of one device, shown beside it. */
type TestOutcome = { result: PushTestResult } | { error: BaylinkError | undefined };

/** A message to show, worded when rendered so it follows the language. */
type Message =
  | { kind: 'test'; label: string; outcome: TestOutcome }
  | { kind: 'removed'; label: string }
  | { kind: 'reload-failed'; error: BaylinkError | undefined }
  | { kind: 'remove-failed'; label: string; error: BaylinkError | undefined };

function asBaylinkError(error: unknown): BaylinkError | undefined {
  if (isBaylinkError(error)) return error;
  console.error(error);
  return undefined;
}

/**
 * @summary The "Devices" list: every browser and device that gets the user's browser
 * notifications ("Chrome on Windows · last used 2 days ago"), this browser marked, each with
 * "Send test" (what the push service answered shows beside it) and "Remove" (asked first).
 *
 * It uses `client.push.devices()`, `revoke(id)`, `test(id)` and `browserState()` (to mark this
 * browser). Beside a `<bay-push-permission>` with the same client, each follows the other:
 * turning this browser on adds it here, removing it here turns it off there. Results and
 * removals are announced politely; failures in an alert.
 *
 * @csspart base - The wrapper.
 * @csspart header - The "Devices" heading.
 * @csspart intro - The line under the heading.
 * @csspart list - The list (`<ul>`).
 * @csspart device - Each device (`<li>`).
 * @csspart device-label - Its name ("Chrome on Windows").
 * @csspart this-browser - The "This browser" badge.
 * @csspart device-meta - When it was last used.
 * @csspart device-actions - Its buttons.
 * @csspart test-button - "Send test".
 * @csspart revoke-button - "Remove".
 * @csspart result - The last test's result, under the device.
 * @csspart empty - The text shown when no device gets notifications.
 * @csspart retry-button - "Try again" after a failed load.
 * @csspart status - The polite live region.
 * @csspart alert - The alert region for failures.
 * @csspart confirm-dialog - The "Remove this device?" dialog.
 * @csspart confirm-button - Its "Remove" button.
 * @csspart cancel-button - Its "Cancel" button.
 *
 * @cssproperty --bay-push-devices-background - Background (default `--bay-color-surface`).
 * @cssproperty --bay-push-devices-badge-background - The "This browser" badge (default `--bay-color-accent`).
 * @cssproperty --bay-push-devices-badge-color - Its text (default `--bay-color-on-accent`).
 */
export class BayPushDevices extends BaylinkElement {
  static override styles = [BaylinkElement.styles, formStyles, pushDevicesStyles];

  /** The heading's level in the page's outline (2 by default). */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  /** The service worker's URL, to recognise this browser's subscription (as `<bay-push-permission>`). */
  @property({ attribute: 'service-worker-url' }) accessor serviceWorkerUrl =
    DEFAULT_SERVICE_WORKER_URL;

  /** The service worker's scope. */
  @property() accessor scope: string | undefined = undefined;

  @state() accessor #devices: PushDevice[] | undefined = undefined;
  @state() accessor #thisDevice: string | null = null;
  @state() accessor #loadError: BaylinkError | null | undefined = undefined;
  @state() accessor #testing: ReadonlySet<string> = new Set();
  @state() accessor #results: ReadonlyMap<string, TestOutcome> = new Map();
  @state() accessor #confirming: PushDevice | undefined = undefined;
  @state() accessor #removing: string | undefined = undefined;
  @state() accessor #status: Message | undefined = undefined;
  @state() accessor #alert: Message | undefined = undefined;

  #listClient: BaylinkClient | undefined;
  #loadSeq = 0;
  #stopHub: (() => void) | undefined;
  /** Where focus goes back when the dialog closes without removing. */
  #returnFocus: HTMLElement | undefined;

  /** The devices shown (this browser first), once loaded. */
  get devices(): PushDevice[] | undefined {
    return this.#devices;
  }

  /** This browser's device id, when it is subscribed. */
  get thisDeviceId(): string | null {
    return this.#thisDevice;
  }

  get #options(): BrowserPushOptions {
    return this.scope
      ? { serviceWorkerUrl: this.serviceWorkerUrl, scope: this.scope }
      : { serviceWorkerUrl: this.serviceWorkerUrl };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#listClient) {
      this.#listen(this.#listClient);
      void this.refresh();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopHub?.();
    this.#stopHub = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (client !== this.#listClient) {
      // Another client may be another user: start afresh.
      this.#listClient = client;
      this.#devices = undefined;
      this.#thisDevice = null;
      this.#loadError = undefined;
      this.#testing = new Set();
      this.#results = new Map();
      this.#confirming = undefined;
      this.#status = undefined;
      this.#alert = undefined;
      this.#listen(client);
      if (client) void this.refresh();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog');
    if (dialog) {
      if (this.#confirming && !dialog.open && this.isConnected) dialog.showModal();
      else if (!this.#confirming && dialog.open) dialog.close();
    }
  }

  #listen(client: BaylinkClient | undefined): void {
    this.#stopHub?.();
    this.#stopHub = client ? listenPushChanges(client, this, () => void this.refresh()) : undefined;
  }

  /** Loads the list again (and which device is this browser). */
  async refresh(): Promise<PushDevice[] | undefined> {
    const client = this.activeClient;
    if (!client) return undefined;
    const seq = ++this.#loadSeq;
    try {
      const [devices, browser] = await Promise.all([
        client.push.devices(),
        // Only marks "This browser": the list works without it.
        client.push.browserState(this.#options).catch(() => null),
      ]);
      if (client !== this.activeClient || seq !== this.#loadSeq) return this.#devices;
      const own = browser?.subscribed ? browser.deviceId : null;
      this.#thisDevice = own && devices.some((device) => device.id === own) ? own : null;
      this.#devices = [
        ...devices.filter((device) => device.id === this.#thisDevice),
        ...devices.filter((device) => device.id !== this.#thisDevice),
      ];
      this.#loadError = undefined;
      if (this.#alert?.kind === 'reload-failed') this.#alert = undefined;
      // Results of devices no longer listed go with them.
      const listed = new Set(devices.map((device) => device.id));
      this.#results = new Map([...this.#results].filter(([id]) => listed.has(id)));
      return this.#devices;
    } catch (error) {
      if (client !== this.activeClient || seq !== this.#loadSeq) return this.#devices;
      const failure = asBaylinkError(error);
      this.#loadError = failure ?? null;
      // A list already shown stays, with a word that it may be out of date.
      if (this.#devices) this.#alert = { kind: 'reload-failed', error: failure };
      return undefined;
    }
  }

  /** Sends a test notification to one device; the result shows beside it. */
  async sendTest(deviceId: string): Promise<PushTestResult | null> {
    const client = this.activeClient;
    const device = this.#devices?.find((candidate) => candidate.id === deviceId);
    if (!client || !device || this.#testing.has(deviceId)) return null;
    this.#testing = new Set([...this.#testing, deviceId]);
    this.#status = undefined;
    this.#alert = undefined;
    let outcome: TestOutcome;
    let answer: PushTestResult | null = null;
    try {
      answer = await client.push.test(deviceId);
      outcome = { result: answer };
    } catch (error) {
      outcome = { error: asBaylinkError(error) };
    }
    if (client !== this.activeClient) return null;
    const testing = new Set(this.#testing);
    testing.delete(deviceId);
    this.#testing = testing;
    this.#results = new Map([...this.#results, [deviceId, outcome]]);
    const message: Message = { kind: 'test', label: device.label, outcome };
    if ('error' in outcome || outcome.result.outcome === 'failed') this.#alert = message;
    else this.#status = message;
    if ('result' in outcome) {
      if (outcome.result.outcome === 'gone') {
        // The API removed it: so does the list (and this browser's state, if it was this one).
        const index = this.#devices?.findIndex((candidate) => candidate.id === deviceId) ?? 0;
        await this.refresh();
        await this.#focusAfterRemoval(Math.max(0, index));
        announcePushChange(client, 'browser', this);
      } else if (outcome.result.outcome === 'sent') {
        const now = new Date().toISOString();
        this.#devices = this.#devices?.map((candidate) =>
          candidate.id === deviceId ? { ...candidate, lastUsedAt: now } : candidate,
        );
      }
    }
    return answer;
  }

  /** Removes a device (without asking: the button asks first). Resolves to whether it was removed. */
  async revoke(deviceId: string): Promise<boolean> {
    const client = this.activeClient;
    const device = this.#devices?.find((candidate) => candidate.id === deviceId);
    if (!client || !device || this.#removing) return false;
    this.#removing = deviceId;
    this.#status = undefined;
    this.#alert = undefined;
    const wasThisBrowser = deviceId === this.#thisDevice;
    try {
      await client.push.revoke(deviceId);
      if (client !== this.activeClient) return false;
      const index = this.#devices?.findIndex((candidate) => candidate.id === deviceId) ?? -1;
      this.#devices = this.#devices?.filter((candidate) => candidate.id !== deviceId);
      if (wasThisBrowser) this.#thisDevice = null;
      const results = new Map(this.#results);
      results.delete(deviceId);
      this.#results = results;
      this.#status = { kind: 'removed', label: device.label };
      announcePushChange(client, wasThisBrowser ? 'browser' : 'devices', this);
      await this.#focusAfterRemoval(index);
      return true;
    } catch (error) {
      if (client !== this.activeClient) return false;
      this.#alert = { kind: 'remove-failed', label: device.label, error: asBaylinkError(error) };
      const back = this.#returnFocus;
      this.updateComplete.then(() => back?.focus());
      return false;
    } finally {
      if (client === this.activeClient) this.#removing = undefined;
    }
  }

  /** Focus moves to the device now in the removed one's place, else the heading. */
  async #focusAfterRemoval(index = 0): Promise<void> {
    await this.updateComplete;
    const items = [...(this.shadowRoot?.querySelectorAll<HTMLElement>('[part~="device"]') ?? [])];
    const next = items[Math.min(index, items.length - 1)];
    const target =
      next?.querySelector<HTMLElement>('[part~="test-button"]') ??
      this.shadowRoot?.querySelector<HTMLElement>('#heading');
    target?.focus();
  }

  #failureHint(error: BaylinkError | undefined): string {
    if (error?.status === 0 && error.code === 'network_error') return this.term('error.network');
    if (error?.status === 401) return this.term('error.unauthorized');
    return '';
  }

  /** What a test did, in words ("Test sent to Chrome on Windows."). */
  #outcomeText(label: string, outcome: TestOutcome): string {
    if ('error' in outcome) {
      return `${this.term('push.devices.testError', { device: label })} ${this.#failureHint(outcome.error)}`.trim();
    }
    const { result } = outcome;
    if (result.outcome === 'sent') return this.term('push.devices.testSent', { device: label });
    if (result.outcome === 'gone') return this.term('push.devices.testGone', { device: label });
    return this.term('push.devices.testFailed', {
      device: label,
      reason: result.error ?? this.term('push.test.unreachable'),
    });
  }

  #say(message: Message): string {
    switch (message.kind) {
      case 'test':
        return this.#outcomeText(message.label, message.outcome);
      case 'removed':
        return this.term('push.devices.removed', { device: message.label });
      case 'reload-failed':
        return `${this.term('push.devices.reloadFailed')} ${this.#failureHint(message.error)}`.trim();
      case 'remove-failed':
        return `${this.term('push.devices.removeFailed', { device: message.label })} ${this.#failureHint(message.error)}`.trim();
    }
  }

  #lastUsed(device: PushDevice): string {
    if (!device.lastUsedAt) return this.term('push.devices.neverUsed');
    const when = timeAgo(this.resolvedLang, device.lastUsedAt, Date.now());
    return when
      ? this.term('push.devices.lastUsed', { when })
      : this.term('push.devices.lastUsedNow');
  }

  // ── Rendering ────────────────────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    return html`<section
      part="base"
      class="base"
      aria-labelledby="heading"
      lang=${this.resolvedLang}
      dir=${this.resolvedDir}
    >
      <div
        class="heading"
        part="header"
        id="heading"
        role="heading"
        tabindex="-1"
        aria-level=${Math.min(6, Math.max(1, this.headingLevel))}
      >
        ${this.term('push.devices.heading')}
      </div>
      <p class="intro" part="intro">${this.term('push.devices.intro')}</p>
      ${this.#renderBody()}
      <p class="status" part="status" role="status">${this.#status ? this.#say(this.#status) : ''}</p>
      <div class="alert" part="alert" role="alert">${this.#alert ? this.#say(this.#alert) : ''}</div>
      ${this.#renderDialog()}
    </section>`;
  }

  #renderBody(): TemplateResult {
    if (!this.activeClient) {
      return html`<p class="hint">${this.term('push.notConnected')}</p>`;
    }
    if (this.#devices === undefined) {
      if (this.#loadError !== undefined) {
        const hint = this.#failureHint(this.#loadError ?? undefined);
        return html`<div class="load-failed">
          <p>${this.term('push.devices.loadFailed')} ${hint}</p>
          <button type="button" part="retry-button" @click=${() => void this.refresh()}>
            ${this.term('push.retry')}
          </button>
        </div>`;
      }
      return html`<p class="hint" role="status">${this.term('push.devices.loading')}</p>`;
    }
    if (this.#devices.length === 0) {
      return html`<p class="hint" part="empty">${this.term('push.devices.empty')}</p>`;
    }
    return html`<ul class="list" part="list">
      ${this.#devices.map((device) => this.#renderDevice(device))}
    </ul>`;
  }

  #renderDevice(device: PushDevice): TemplateResult {
    const own = device.id === this.#thisDevice;
    const testing = this.#testing.has(device.id);
    const removing = this.#removing === device.id;
    const outcome = this.#results.get(device.id);
    const failed =
      outcome !== undefined && ('error' in outcome || outcome.result.outcome === 'failed');
    const labelId = `device-${device.id}`;
    return html`<li part="device" class="device ${own ? 'own' : ''}" data-device-id=${device.id}>
      <div class="device-info">
        <p class="device-line">
          <span part="device-label" class="device-label" id=${labelId}>${device.label}</span>
          ${
            own
              ? html`<span part="this-browser" class="badge">${this.term('push.devices.thisBrowser')}</span>`
              : nothing
          }
          <span class="separator" aria-hidden="true">·</span>
          <span part="device-meta" class="device-meta" title=${this.term('push.devices.added', {
            date: formatDate(this.resolvedLang, device.createdAt),
          })}>${this.#lastUsed(device)}</span>
        </p>
        ${
          outcome
            ? html`<p part="result" class="result ${failed ? 'failed' : ''}">
                ${this.#outcomeText(device.label, outcome)}
              </p>`
            : nothing
        }
      </div>
      <div class="device-actions" part="device-actions">
        <button
          type="button"
          part="test-button"
          aria-label=${this.term('push.devices.testLabel', { device: device.label })}
          aria-disabled=${testing || removing ? 'true' : 'false'}
          @click=${() => {
            if (!testing && !removing) void this.sendTest(device.id);
          }}
        >
          ${testing ? this.term('push.testing') : this.term('push.devices.test')}
        </button>
        <button
          type="button"
          part="revoke-button"
          class="danger"
          aria-label=${this.term('push.devices.removeLabel', { device: device.label })}
          aria-disabled=${removing ? 'true' : 'false'}
          @click=${(event: Event) => {
            if (removing) return;
            this.#returnFocus = event.currentTarget as HTMLElement;
            this.#confirming = device;
          }}
        >
          ${removing ? this.term('push.devices.removing') : this.term('push.devices.remove')}
        </button>
      </div>
    </li>`;
  }

  #renderDialog(): TemplateResult {
    const device = this.#confirming;
    const cancel = () => {
      this.#confirming = undefined;
      const back = this.#returnFocus;
      this.updateComplete.then(() => back?.focus());
    };
    const own = device?.id === this.#thisDevice;
    return html`<dialog
      part="confirm-dialog"
      class="dialog"
      role="alertdialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      @cancel=${(event: Event) => {
        event.preventDefault();
        cancel();
      }}
    >
      ${
        device
          ? html`<p class="dialog-title" id="confirm-title">
                ${this.term('push.devices.confirmTitle', { device: device.label })}
              </p>
              <p id="confirm-body">
                ${this.term(
                  (own
                    ? 'push.devices.confirmBodyThis'
                    : 'push.devices.confirmBody') satisfies PlainTranslationKey,
                )}
              </p>
              <div class="dialog-actions">
                <button type="button" part="cancel-button" autofocus @click=${cancel}>
                  ${this.term('push.devices.cancel')}
                </button>
                <button
                  type="button"
                  part="confirm-button"
                  class="danger"
                  @click=${() => {
                    this.#confirming = undefined;
                    void this.revoke(device.id);
                  }}
                >
                  ${this.term('push.devices.remove')}
                </button>
              </div>`
          : nothing
      }
    </dialog>`;
  }
}
