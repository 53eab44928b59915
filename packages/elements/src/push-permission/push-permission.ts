import {
  type BaylinkClient,
  type BaylinkError,
  type BrowserPushOptions,
  type BrowserPushState,
  isBaylinkError,
  type PushTestResult,
} from '@baylink/sdk';
import {
  html,
  nothing,
  type PropertyValues,
  type SVGTemplateResult,
  svg,
  type TemplateResult,
} from 'lit';
import { property, state } from 'lit/decorators.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { formStyles } from '../internal/form.styles.ts';
import type { PlainTranslationKey } from '../internal/localize.ts';
import {
  BROWSER_LABELS,
  type BrowserName,
  detectBrowser,
  REENABLE_STEPS,
  UNSUPPORTED_REASONS,
  watchPermission,
} from '../settings-panel/browser-permission.ts';
import { BayPushChangeEvent, type PushPermissionState } from './events.ts';
import { announcePushChange, listenPushChanges } from './push-hub.ts';
import { pushPermissionStyles } from './push-permission.styles.ts';

/** Every part of `<bay-push-permission>`, for `exportparts` on elements that nest it. */
export const PUSH_PERMISSION_PARTS = [
  'base',
  'header',
  'state',
  'state-icon',
  'state-label',
  'description',
  'reason',
  'steps',
  'actions',
  'enable-button',
  'disable-button',
  'test-button',
  'check-button',
  'retry-button',
  'status',
  'alert',
] as const;

/** The service worker's URL when the host names none: served from the host page's origin. */
export const DEFAULT_SERVICE_WORKER_URL = '/baylink-sw.js';

/** What the element is doing right now, beyond the browser's state. */
type Busy = 'enabling' | 'disabling' | undefined;

/** A message to show, worded when rendered so it follows the language. */
type Message =
  | { kind: 'enabled' }
  | { kind: 'disabled' }
  | { kind: 'dismissed' }
  | { kind: 'blocked-now' }
  | { kind: 'test'; result: PushTestResult }
  | { kind: 'failed'; action: 'check' | 'enable' | 'disable' | 'test'; error?: BaylinkError };

/** The visible label of each state. */
const STATE_LABELS: Record<PushPermissionState, PlainTranslationKey> = {
  checking: 'push.state.checking',
  unsupported: 'push.state.unsupported',
  'not-allowed': 'push.state.notAllowed',
  off: 'push.state.off',
  on: 'push.state.on',
  blocked: 'push.state.blocked',
  busy: 'push.state.busy',
  error: 'push.state.error',
};

/** The state a browser's push state shows. */
export function pushStateOf(browser: BrowserPushState): PushPermissionState {
  if (!browser.supported || browser.permission === 'unsupported') return 'unsupported';
  if (browser.permission === 'denied') return 'blocked';
  if (browser.permission === 'default') return 'not-allowed';
  return browser.subscribed ? 'on' : 'off';
}

function asBaylinkError(error: unknown): BaylinkError | undefined {
  if (isBaylinkError(error)) return error;
  console.error(error);
  return undefined;
}

/**
 * @summary Browser notifications for this browser: turns them on only when the user clicks
 * "Turn on browser notifications" (the browser's permission prompt comes from that click), shows
 * whether they are on, not allowed yet, blocked (with the steps to allow them again in the
 * browser in use) or not available here (with the reason: an iPhone needs the site on its Home
 * Screen, a page in a cross-origin frame or over plain http cannot ask), sends a test, and turns
 * them off on this browser.
 *
 * It uses `client.push` of the SDK: `browserState()` when it connects (never a prompt),
 * `enableThisBrowser({ serviceWorkerUrl, scope })` on the click, `disableThisBrowser()` and
 * `test(deviceId)`. The service worker must be served from the host page's origin (a service
 * worker and a push subscription belong to the page's origin): `service-worker-url` names it.
 *
 * Changes are announced politely to screen readers; failures in an alert. A permission changed
 * in the browser's site settings is followed live where the browser reports it (Permissions API),
 * and checked again when the page becomes visible.
 *
 * @event {BayPushChangeEvent} bay-push-change - The state shown changed.
 * `detail: { state, previous, browser, error? }`.
 *
 * @csspart base - The wrapper.
 * @csspart header - The "Browser notifications" heading.
 * @csspart state - The state line (icon and label).
 * @csspart state-icon - The state's icon.
 * @csspart state-label - The state's words ("On for this browser"…).
 * @csspart description - What the state means for the user.
 * @csspart reason - Why notifications are not available here.
 * @csspart steps - The steps to allow them again, or to add the site to the Home Screen.
 * @csspart actions - The row of buttons.
 * @csspart enable-button - "Turn on browser notifications".
 * @csspart disable-button - "Turn off on this browser".
 * @csspart test-button - "Send a test".
 * @csspart check-button - "Check again" (after allowing them in the browser's settings).
 * @csspart retry-button - "Try again" after a failed check.
 * @csspart status - The polite live region (turned on, test sent…).
 * @csspart alert - The alert region for failures.
 *
 * @cssproperty --bay-push-permission-background - Background (default `--bay-color-surface`).
 * @cssproperty --bay-push-permission-on - The "on" state's colour (default `--bay-color-success`).
 * @cssproperty --bay-push-permission-blocked - The "blocked" state's colour (default `--bay-color-danger`).
 */
export class BayPushPermission extends BaylinkElement {
  static override styles = [BaylinkElement.styles, formStyles, pushPermissionStyles];

  /** The service worker's URL on the host page's origin. */
  @property({ attribute: 'service-worker-url' }) accessor serviceWorkerUrl =
    DEFAULT_SERVICE_WORKER_URL;

  /** The service worker's scope (default: the browser's default for its URL). */
  @property() accessor scope: string | undefined = undefined;

  /** The heading's level in the page's outline (2 by default). */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  /** The browser whose steps to show when blocked (`chrome`, `edge`, `firefox`, `safari`, `ios`, `other`); detected by default. */
  @property() accessor browser: BrowserName | undefined = undefined;

  @state() accessor #browserState: BrowserPushState | null = null;
  @state() accessor #busy: Busy = undefined;
  @state() accessor #testing = false;
  @state() accessor #failed:
    | { action: 'check' | 'enable' | 'disable'; error?: BaylinkError }
    | undefined = undefined;
  @state() accessor #status: Message | undefined = undefined;
  @state() accessor #alert: Message | undefined = undefined;

  #stateClient: BaylinkClient | undefined;
  #checkSeq = 0;
  #reported: PushPermissionState = 'checking';
  #stopWatching: (() => void) | undefined;
  #stopHub: (() => void) | undefined;
  #detectedBrowser: BrowserName | undefined;

  /** What the element shows now. */
  get state(): PushPermissionState {
    if (this.#busy) return 'busy';
    if (this.#failed) return 'error';
    return this.#browserState ? pushStateOf(this.#browserState) : 'checking';
  }

  /** This browser as the SDK last read it (null until known). */
  get browserState(): BrowserPushState | null {
    return this.#browserState;
  }

  /** The browser whose steps are shown. */
  get browserName(): BrowserName {
    this.#detectedBrowser ??= detectBrowser();
    return this.browser ?? this.#detectedBrowser;
  }

  get #options(): BrowserPushOptions {
    return this.scope
      ? { serviceWorkerUrl: this.serviceWorkerUrl, scope: this.scope }
      : { serviceWorkerUrl: this.serviceWorkerUrl };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopWatching = watchPermission(() => void this.refresh());
    document.addEventListener('visibilitychange', this.#onVisibility);
    if (this.#stateClient) {
      // Back on the page with the same client: listen again, and check (settings may differ).
      this.#listen(this.#stateClient);
      void this.refresh();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWatching?.();
    this.#stopWatching = undefined;
    this.#stopHub?.();
    this.#stopHub = undefined;
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  readonly #onVisibility = (): void => {
    if (document.visibilityState === 'visible') void this.refresh();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (client !== this.#stateClient) {
      // Another client may be another user: start afresh.
      this.#stateClient = client;
      this.#browserState = null;
      this.#busy = undefined;
      this.#testing = false;
      this.#failed = undefined;
      this.#status = undefined;
      this.#alert = undefined;
      this.#listen(client);
      if (client) void this.refresh();
    }
  }

  /** Hears the other push elements of this client (a device removed from the list…). */
  #listen(client: BaylinkClient | undefined): void {
    this.#stopHub?.();
    this.#stopHub = client ? listenPushChanges(client, this, () => void this.refresh()) : undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const current = this.state;
    if (current !== this.#reported) {
      const previous = this.#reported;
      this.#reported = current;
      const error = this.#failed?.error;
      this.dispatchEvent(
        new BayPushChangeEvent({
          state: current,
          previous,
          browser: this.#browserState,
          ...(current === 'error' && error ? { error } : {}),
        }),
      );
    }
  }

  /** Reads this browser's state again (never prompts). Resolves to it, or null on failure. */
  async refresh(): Promise<BrowserPushState | null> {
    const client = this.activeClient;
    if (!client || this.#busy) return this.#browserState;
    const seq = ++this.#checkSeq;
    try {
      const browser = await client.push.browserState(this.#options);
      if (client !== this.activeClient || seq !== this.#checkSeq) return this.#browserState;
      this.#browserState = browser;
      if (this.#failed?.action === 'check') this.#failed = undefined;
      return browser;
    } catch (error) {
      if (client !== this.activeClient || seq !== this.#checkSeq) return this.#browserState;
      this.#failed = { action: 'check', error: asBaylinkError(error) };
      this.#alert = { kind: 'failed', action: 'check', error: asBaylinkError(error) };
      return null;
    }
  }

  /**
   * Turns browser notifications on for this browser: the browser asks for permission if it has
   * not yet. Call it from a click or key press only — browsers ignore or block prompts without
   * one. Resolves to the browser's state afterwards, or null on failure.
   */
  async enable(): Promise<BrowserPushState | null> {
    const client = this.activeClient;
    if (!client || this.#busy) return null;
    // The SDK's call comes first, synchronously in the click: the prompt needs that click.
    const pending = client.push.enableThisBrowser(this.#options);
    this.#checkSeq += 1;
    this.#busy = 'enabling';
    this.#status = undefined;
    this.#alert = undefined;
    this.#failed = undefined;
    const before = this.#browserState;
    try {
      const browser = await pending;
      if (client !== this.activeClient) return null;
      this.#browserState = browser;
      const shown = pushStateOf(browser);
      if (shown === 'on') this.#status = { kind: 'enabled' };
      else if (shown === 'blocked' && before?.permission !== 'denied')
        this.#status = { kind: 'blocked-now' };
      else if (shown === 'not-allowed') this.#status = { kind: 'dismissed' };
      announcePushChange(client, 'browser', this);
      return browser;
    } catch (error) {
      if (client !== this.activeClient) return null;
      const failure = asBaylinkError(error);
      this.#failed = { action: 'enable', error: failure };
      this.#alert = { kind: 'failed', action: 'enable', error: failure };
      return null;
    } finally {
      if (client === this.activeClient) this.#busy = undefined;
      await this.#focusAction();
    }
  }

  /** Turns browser notifications off on this browser (unsubscribes and removes its device). */
  async disable(): Promise<BrowserPushState | null> {
    const client = this.activeClient;
    if (!client || this.#busy) return null;
    this.#checkSeq += 1;
    this.#busy = 'disabling';
    this.#status = undefined;
    this.#alert = undefined;
    this.#failed = undefined;
    try {
      const browser = await client.push.disableThisBrowser(this.#options);
      if (client !== this.activeClient) return null;
      this.#browserState = browser;
      this.#status = { kind: 'disabled' };
      announcePushChange(client, 'browser', this);
      return browser;
    } catch (error) {
      if (client !== this.activeClient) return null;
      const failure = asBaylinkError(error);
      this.#failed = { action: 'disable', error: failure };
      this.#alert = { kind: 'failed', action: 'disable', error: failure };
      return null;
    } finally {
      if (client === this.activeClient) this.#busy = undefined;
      await this.#focusAction();
    }
  }

  /** Sends a test notification to this browser and shows what the push service answered. */
  async sendTest(): Promise<PushTestResult | null> {
    const client = this.activeClient;
    const deviceId = this.#browserState?.deviceId;
    if (!client || !deviceId || this.#testing || this.#busy) return null;
    this.#testing = true;
    this.#status = undefined;
    this.#alert = undefined;
    try {
      const result = await client.push.test(deviceId);
      if (client !== this.activeClient) return null;
      if (result.outcome === 'failed') this.#alert = { kind: 'test', result };
      else this.#status = { kind: 'test', result };
      if (result.outcome === 'gone') {
        // The API removed the device: this browser must subscribe again.
        await this.refresh();
        announcePushChange(client, 'devices', this);
      } else {
        announcePushChange(client, 'devices', this);
      }
      return result;
    } catch (error) {
      if (client !== this.activeClient) return null;
      this.#alert = { kind: 'failed', action: 'test', error: asBaylinkError(error) };
      return null;
    } finally {
      if (client === this.activeClient) this.#testing = false;
    }
  }

  /** After a change of state the clicked button may be gone: focus the state's main action. */
  async #focusAction(): Promise<void> {
    await this.updateComplete;
    const active = this.shadowRoot?.activeElement;
    if (active?.isConnected && active.getAttribute('aria-disabled') !== 'true') return;
    const next = this.shadowRoot?.querySelector<HTMLElement>('[data-primary]');
    if (next) next.focus();
  }

  #failureHint(error: BaylinkError | undefined): string {
    if (error?.status === 0 && error.code === 'network_error') return this.term('error.network');
    if (error?.status === 401) return this.term('error.unauthorized');
    return '';
  }

  #say(message: Message): string {
    switch (message.kind) {
      case 'enabled':
        return this.term('push.enabled');
      case 'disabled':
        return this.term('push.disabled');
      case 'dismissed':
        return this.term('push.dismissed');
      case 'blocked-now':
        return this.term('push.blockedNow');
      case 'test': {
        const { result } = message;
        if (result.outcome === 'sent') return this.term('push.test.sent');
        if (result.outcome === 'gone') return this.term('push.test.gone');
        return this.term('push.test.failed', {
          reason: result.error ?? this.term('push.test.unreachable'),
        });
      }
      case 'failed': {
        const key: Record<typeof message.action, PlainTranslationKey> = {
          check: 'push.checkFailed',
          enable: 'push.enableFailed',
          disable: 'push.disableFailed',
          test: 'push.test.error',
        };
        return `${this.term(key[message.action])} ${this.#failureHint(message.error)}`.trim();
      }
    }
  }

  // ── Rendering ────────────────────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const shown = this.state;
    return html`<section
      part="base"
      class="base"
      aria-labelledby="heading"
      aria-busy=${(shown === 'busy' || shown === 'checking') && this.activeClient ? 'true' : 'false'}
      data-state=${shown}
      lang=${this.resolvedLang}
      dir=${this.resolvedDir}
    >
      <div
        class="heading"
        part="header"
        id="heading"
        role="heading"
        aria-level=${Math.min(6, Math.max(1, this.headingLevel))}
      >
        ${this.term('push.heading')}
      </div>
      ${this.#renderBody(shown)}
      <p class="status" part="status" role="status">${this.#status ? this.#say(this.#status) : ''}</p>
      <div class="alert" part="alert" role="alert">${this.#alert ? this.#say(this.#alert) : ''}</div>
    </section>`;
  }

  #renderBody(shown: PushPermissionState): TemplateResult {
    if (!this.activeClient) {
      return html`<p class="description" part="description">${this.term('push.notConnected')}</p>`;
    }
    // While busy or after a failure, explain the browser's underlying state.
    const underlying = this.#browserState ? pushStateOf(this.#browserState) : 'checking';
    return html`<p class="state" part="state" data-state=${shown}>
        ${this.#icon(shown === 'busy' || shown === 'error' ? underlying : shown)}
        <span part="state-label" class="state-label">${this.#stateLabel(shown)}</span>
      </p>
      ${this.#renderDetails(underlying)} ${this.#renderActions(shown, underlying)}`;
  }

  #stateLabel(shown: PushPermissionState): string {
    if (shown === 'busy') {
      return this.term(
        this.#busy === 'disabling' ? 'push.state.turningOff' : 'push.state.turningOn',
      );
    }
    if (shown === 'error' && this.#failed?.action !== 'check' && this.#browserState) {
      // Turning on or off failed: the browser's state is still known (the alert says what failed).
      return this.term(STATE_LABELS[pushStateOf(this.#browserState)]);
    }
    return this.term(STATE_LABELS[shown]);
  }

  #renderDetails(underlying: PushPermissionState): TemplateResult | typeof nothing {
    switch (underlying) {
      case 'checking':
        return nothing;
      case 'not-allowed':
        return html`<p class="description" part="description" id="description">
          ${this.term('push.description.notAllowed')}
        </p>`;
      case 'off':
        return html`<p class="description" part="description" id="description">
          ${this.term('push.description.off')}
        </p>`;
      case 'on':
        return html`<p class="description" part="description" id="description">
          ${this.term('push.description.on')}
        </p>`;
      case 'blocked': {
        const browser = this.browserName;
        return html`<div class="description" part="description" id="description" data-browser=${browser}>
          <p>${this.term('push.description.blocked')}</p>
          <p>
            ${this.term('push.blocked.intro', {
              browser: BROWSER_LABELS[browser] ?? this.term('preferences.permission.yourBrowser'),
            })}
          </p>
          <ol part="steps" class="steps">
            ${REENABLE_STEPS[browser].map((key) => html`<li>${this.term(key)}</li>`)}
          </ol>
        </div>`;
      }
      case 'unsupported': {
        const reason = this.#browserState?.reason ?? 'no-push-api';
        const explained = UNSUPPORTED_REASONS[reason] ?? UNSUPPORTED_REASONS['no-push-api'];
        return html`<div class="description" part="description reason" id="description" data-reason=${reason}>
          <p>${this.term(explained.text)}</p>
          ${
            explained.steps.length > 0
              ? html`<ol part="steps" class="steps">
                  ${explained.steps.map((key) => html`<li>${this.term(key)}</li>`)}
                </ol>`
              : nothing
          }
        </div>`;
      }
      default:
        return nothing;
    }
  }

  #renderActions(shown: PushPermissionState, underlying: PushPermissionState): TemplateResult {
    const busy = shown === 'busy';
    const failedCheck = this.#failed?.action === 'check';
    const button = (
      part: string,
      key: PlainTranslationKey,
      onClick: () => void,
      options: { primary?: boolean; disabled?: boolean; label?: string } = {},
    ) =>
      html`<button
        type="button"
        part=${part}
        class=${options.primary ? 'primary' : ''}
        ?data-primary=${options.primary}
        aria-disabled=${options.disabled ? 'true' : 'false'}
        aria-describedby=${this.#browserState ? 'description' : nothing}
        @click=${() => {
          if (!options.disabled) onClick();
        }}
      >
        ${options.label ?? this.term(key)}
      </button>`;
    let actions: TemplateResult[] = [];
    if (failedCheck) {
      actions = [
        button('retry-button', 'push.retry', () => void this.refresh(), { primary: true }),
      ];
    } else if (underlying === 'not-allowed' || underlying === 'off') {
      actions = [
        button('enable-button', 'push.enable', () => void this.enable(), {
          primary: true,
          disabled: busy,
          label: busy ? this.term('push.state.turningOn') : undefined,
        }),
      ];
    } else if (underlying === 'on') {
      actions = [
        button('test-button', 'push.test', () => void this.sendTest(), {
          primary: true,
          disabled: busy || this.#testing,
          label: this.#testing ? this.term('push.testing') : undefined,
        }),
        button('disable-button', 'push.disable', () => void this.disable(), {
          disabled: busy || this.#testing,
          label: this.#busy === 'disabling' ? this.term('push.state.turningOff') : undefined,
        }),
      ];
    } else if (underlying === 'blocked') {
      actions = [
        button('check-button', 'push.checkAgain', () => void this.refresh(), { primary: true }),
      ];
    }
    return actions.length > 0
      ? html`<div class="actions" part="actions">${actions}</div>`
      : html`${nothing}`;
  }

  #icon(shown: PushPermissionState): TemplateResult {
    // Shapes inside an <svg> are SVG templates (`svg`), or they would not draw.
    const paths: Partial<Record<PushPermissionState, SVGTemplateResult>> = {
      on: svg`<path d="M6 10.5l2.5 2.5L14 7.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />`,
      blocked: svg`<path d="M5.5 14.5l9-9" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`,
      unsupported: svg`<path d="M7 10h6" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`,
    };
    const inner =
      paths[shown] ??
      svg`<path d="M10 5.5a3.5 3.5 0 0 0-3.5 3.5v2.5L5.5 13h9l-1-1.5V9A3.5 3.5 0 0 0 10 5.5zM8.75 14.5a1.25 1.25 0 0 0 2.5 0" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round" />`;
    return html`<svg part="state-icon" class="state-icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <circle cx="10" cy="10" r="9" fill="none" stroke="currentColor" stroke-width="1.5" />
      ${inner}
    </svg>`;
  }
}
