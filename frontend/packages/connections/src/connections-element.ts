// <bridgekeeper-connections>: the customer's list of data connections, with Disconnect (after a
// confirmation that says what stops) and Reconnect (the platform's sign-in again, same connection).
// Under each connection, the products (use cases) with an Active consent on it: "Stop sharing for <product>"
// after the revocation's impact is shown, and "Renew" for a consent close to its end (no platform sign-in).

import { LitElement, html, nothing, type TemplateResult } from "lit";
import { ConnectionsApi, ConnectionsApiError, type DisconnectImpact, type ManagedConnection } from "./api.js";
import { expiringSoon, shownConsentsOn, impactSentences, productName, type ConsentImpact,
  type ConsentRecord } from "./consents.js";
import { formatDate, listText, plainDataType, safeColor, statusText } from "./format.js";
import { styles } from "./styles.js";
import type { ConnectionsErrorArgs, ConnectionsProps } from "./types.js";

const POLL_MS = 1000;
const POPUP_FEATURES = "popup=yes,width=520,height=720";

type Screen = "loading" | "list" | "failed";

interface Confirming {
  connection: ManagedConnection;
  impact?: DisconnectImpact;
  busy: boolean;
}

interface StoppingConsent {
  consent: ConsentRecord;
  connection: ManagedConnection;
  impact?: ConsentImpact;
  busy: boolean;
}

const DEFAULT_RENEW_WITHIN_DAYS = 14;

interface Reconnecting {
  connection: ManagedConnection;
  baseline: number;
  popup: Window | null;
  goneSince?: number;
}

function defaultBaseUrl(): string {
  try {
    return new URL(import.meta.url).origin;
  } catch {
    return location.origin;
  }
}

export class BridgekeeperConnections extends LitElement {
  static styles = styles;

  private _props?: ConnectionsProps;
  private api?: ConnectionsApi;
  private screen: Screen = "loading";
  private connections: ManagedConnection[] = [];
  private lenderName = "";
  private failure?: ConnectionsErrorArgs;
  private confirming?: Confirming;
  private consents: ConsentRecord[] = [];
  private stopping?: StoppingConsent;
  private renewing?: string;
  private reconnecting?: Reconnecting;
  private announcement = "";
  private notice = "";
  private pollTimer?: ReturnType<typeof setTimeout>;
  private returnFocusTo?: string;

  get props(): ConnectionsProps | undefined {
    return this._props;
  }

  set props(value: ConnectionsProps | undefined) {
    this._props = value;
    if (this.isConnected) {
      void this.start();
    }
  }

  connectedCallback(): void {
    super.connectedCallback();
    if (this._props) {
      void this.start();
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.pollTimer);
  }

  private get resumeKey(): string {
    return `bridgekeeper-connections:${this._props?.companyId ?? ""}`;
  }

  private async start(): Promise<void> {
    const props = this._props!;
    clearTimeout(this.pollTimer);
    const primary = safeColor(props.options?.theme?.colors?.primary);
    if (primary) {
      this.style.setProperty("--bk-primary", primary);
    }
    this.api = new ConnectionsApi(props.baseUrl ?? defaultBaseUrl(), props.companyId, props.accessToken);
    this.screen = "loading";
    this.requestUpdate();
    try {
      const [company, list, consents] = await Promise.all([this.api.lender(), this.api.list(), this.loadConsents()]);
      this.lenderName = company.lender?.name || "the company you shared it with";
      this.connections = list;
      this.consents = consents;
      this.screen = "list";
      this.requestUpdate();
      await this.resume();
    } catch (e) {
      this.fail(e);
    }
  }

  private errorOf(e: unknown): ConnectionsErrorArgs {
    return e instanceof ConnectionsApiError ? e.details
      : { message: e instanceof Error ? e.message : String(e), userRecoverable: true };
  }

  private fail(e: unknown): void {
    this.failure = this.errorOf(e);
    this._props?.onError?.(this.failure);
    this.screen = "failed";
    this.requestUpdate();
  }

  private say(announcement: string, notice = ""): void {
    this.announcement = announcement;
    this.notice = notice;
    this.requestUpdate();
  }

  private async refresh(): Promise<void> {
    const [list, consents] = await Promise.all([this.api!.list(), this.loadConsents()]);
    this.connections = list;
    this.consents = consents;
    this.requestUpdate();
  }

  /** The consent records; none (and no per-product section, not an error) when the server cannot give them. */
  private async loadConsents(): Promise<ConsentRecord[]> {
    try {
      return await this.api!.consents();
    } catch {
      return [];
    }
  }

  private productName(identifier?: string): string {
    return productName(identifier, this._props?.options?.productNames ?? {});
  }

  // --- per-product consents -----------------------------------------------------------------------

  private async askStop(consent: ConsentRecord, connection: ManagedConnection): Promise<void> {
    this.returnFocusTo = `[data-stop="${consent.id}"]`;
    this.stopping = { consent, connection, busy: true };
    this.requestUpdate();
    try {
      this.stopping = { consent, connection, impact: await this.api!.consentImpact(consent.id), busy: false };
    } catch (e) {
      this.stopping = undefined;
      this._props?.onError?.(this.errorOf(e));
      this.say("", `We couldn't check what stopping ${this.productName(consent.productIdentifier)} changes. Try again.`);
      return;
    }
    this.requestUpdate();
    await this.updateComplete;
    (this.renderRoot.querySelector(".dialog .danger") as HTMLElement | null)?.focus();
  }

  private async stop(): Promise<void> {
    const stopping = this.stopping!;
    const product = this.productName(stopping.consent.productIdentifier);
    this.stopping = { ...stopping, busy: true };
    this.requestUpdate();
    try {
      await this.api!.revokeConsent(stopping.consent.id, "Stopped by the customer in manage connections");
      this.stopping = undefined;
      await this.refresh();
      this.say(`You stopped sharing ${stopping.connection.platformName} for ${product}.`);
      this._props?.onConsentRevoked?.({ consentId: stopping.consent.id, connectionId: stopping.connection.id,
        productIdentifier: stopping.consent.productIdentifier });
      await this.updateComplete;
      this.focusOn(`[data-consents="${stopping.connection.id}"]`);
    } catch (e) {
      this.stopping = undefined;
      const error = this.errorOf(e);
      this._props?.onError?.(error);
      this.say("", `Sharing for ${product} was not stopped: ${error.message ?? "please try again"}.`);
      await this.refresh().catch(() => undefined);
    }
  }

  private async renew(consent: ConsentRecord, connection: ManagedConnection): Promise<void> {
    const product = this.productName(consent.productIdentifier);
    this.renewing = consent.id;
    this.requestUpdate();
    try {
      const renewed = await this.api!.reconfirmConsent(consent.id);
      await this.refresh();
      const until = formatDate(renewed.expiresAt, this._props?.options?.locale);
      this.say(`Sharing ${connection.platformName} for ${product} is renewed until ${until}.`);
      this._props?.onConsentRenewed?.({ consentId: consent.id, connectionId: connection.id,
        productIdentifier: consent.productIdentifier });
    } catch (e) {
      const error = this.errorOf(e);
      this._props?.onError?.(error);
      this.say("", `Sharing for ${product} was not renewed: ${error.message ?? "please try again"}.`);
    } finally {
      this.renewing = undefined;
      this.requestUpdate();
      await this.updateComplete;
      this.focusOn(`[data-consents="${connection.id}"]`);
    }
  }

  // --- disconnect -------------------------------------------------------------------------------

  private async askDisconnect(connection: ManagedConnection): Promise<void> {
    this.returnFocusTo = `[data-disconnect="${connection.id}"]`;
    this.confirming = { connection, busy: true };
    this.requestUpdate();
    try {
      this.confirming = { connection, impact: await this.api!.impact(connection.id), busy: false };
    } catch (e) {
      this.confirming = undefined;
      this._props?.onError?.(this.errorOf(e));
      this.say("", `We couldn't check ${connection.platformName} right now. Try again.`);
      return;
    }
    this.requestUpdate();
    await this.updateComplete;
    (this.renderRoot.querySelector(".dialog .danger") as HTMLElement | null)?.focus();
  }

  private cancelDisconnect(): void {
    this.confirming = undefined;
    this.stopping = undefined;
    this.requestUpdate();
    void this.updateComplete.then(() => this.focusOn(this.returnFocusTo));
  }

  private async disconnect(): Promise<void> {
    const confirming = this.confirming!;
    this.confirming = { ...confirming, busy: true };
    this.requestUpdate();
    try {
      await this.api!.disconnect(confirming.connection.id);
      this.confirming = undefined;
      await this.refresh();
      this.say(`${confirming.connection.platformName} is disconnected.`);
      this._props?.onDisconnect?.({ connectionId: confirming.connection.id });
      await this.updateComplete;
      this.focusOn(`[data-reconnect="${confirming.connection.id}"]`);
    } catch (e) {
      this.confirming = undefined;
      const error = this.errorOf(e);
      this._props?.onError?.(error);
      this.say("", `${confirming.connection.platformName} was not disconnected: ${error.message ?? "please try again"}.`);
      await this.refresh().catch(() => undefined);
    }
  }

  // --- reconnect --------------------------------------------------------------------------------

  private async reconnect(connection: ManagedConnection): Promise<void> {
    // open the window while the click still counts as the customer's own action, so it is not blocked
    const small = window.matchMedia?.("(max-width: 480px)").matches === true;
    const popup = small ? null : window.open(connection.linkUrl, "bridgekeeper-connections-platform", POPUP_FEATURES);
    let baseline: number;
    try {
      baseline = (await this.api!.state(connection.id)).errorCount;
    } catch (e) {
      popup?.close();
      this._props?.onError?.(this.errorOf(e));
      this.say("", `We couldn't start reconnecting ${connection.platformName}. Try again.`);
      return;
    }
    if (!popup) {
      // popup blocked or a small screen: this tab goes to the platform; the profile's redirect brings the customer back
      sessionStorage.setItem(this.resumeKey, JSON.stringify({ connectionId: connection.id, baseline }));
      location.assign(connection.linkUrl);
      return;
    }
    this.reconnecting = { connection, baseline, popup };
    this.say(`Waiting for ${connection.platformName}…`);
    this.poll();
  }

  /** Back from a same-tab reconnect: the callback already ran, so one look says how it went. */
  private async resume(): Promise<void> {
    const raw = sessionStorage.getItem(this.resumeKey);
    if (!raw) {
      return;
    }
    sessionStorage.removeItem(this.resumeKey);
    let saved: { connectionId?: string; baseline?: number };
    try {
      saved = JSON.parse(raw);
    } catch {
      return;
    }
    const connection = this.connections.find((c) => c.id === saved.connectionId);
    if (!connection) {
      return;
    }
    if (connection.status === "Linked") {
      this.say(`${connection.platformName} is connected again.`);
      this._props?.onReconnect?.({ connectionId: connection.id });
    } else {
      this.say("", `${connection.platformName} was not reconnected — try again.`);
    }
  }

  private reopen(): void {
    const r = this.reconnecting;
    if (r) {
      r.popup = window.open(r.connection.linkUrl, "bridgekeeper-connections-platform", POPUP_FEATURES);
      r.goneSince = undefined;
    }
  }

  private poll(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(async () => {
      const r = this.reconnecting;
      if (!r) {
        return;
      }
      let state;
      try {
        state = await this.api!.state(r.connection.id);
      } catch (e) {
        this.endReconnect();
        this._props?.onError?.(this.errorOf(e));
        this.say("", `We couldn't check ${r.connection.platformName}. Try again.`);
        return;
      }
      if (state.status === "Linked") {
        this.endReconnect();
        await this.refresh().catch(() => undefined);
        this.say(`${r.connection.platformName} is connected again.`);
        this._props?.onReconnect?.({ connectionId: r.connection.id });
        await this.updateComplete;
        this.focusOn(`[data-disconnect="${r.connection.id}"]`);
        return;
      }
      if (state.errorCount > r.baseline) {
        this.endReconnect();
        const cancelled = state.lastError?.statusCode === "403";
        if (!cancelled) {
          this._props?.onError?.({ message: state.lastError?.errorMessage, correlationId: state.id,
            errorCode: Number(state.lastError?.statusCode) || undefined, userRecoverable: true });
        }
        this.say("", `${r.connection.platformName} was not reconnected — try again.`);
        return;
      }
      if (r.popup === null || r.popup.closed) {
        // give the callback a moment to land before calling it a cancellation
        r.goneSince ??= Date.now();
        if (Date.now() - r.goneSince > 3 * POLL_MS) {
          this.endReconnect();
          this.say("", `${r.connection.platformName} was not reconnected — try again.`);
          return;
        }
      }
      this.poll();
    }, POLL_MS);
  }

  private endReconnect(): void {
    try {
      this.reconnecting?.popup?.close();
    } catch {
      // already gone
    }
    this.reconnecting = undefined;
    clearTimeout(this.pollTimer);
  }

  /** Escape keeps the connection; Tab stays within the dialog's buttons while it is open. */
  private dialogKeys(e: KeyboardEvent): void {
    if (e.key === "Escape") {
      this.cancelDisconnect();
      return;
    }
    if (e.key !== "Tab") {
      return;
    }
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>(".dialog button:not([disabled])")];
    if (buttons.length === 0) {
      return;
    }
    const at = buttons.indexOf(this.shadowRoot!.activeElement as HTMLElement);
    const next = e.shiftKey ? (at <= 0 ? buttons.length - 1 : at - 1) : (at + 1) % buttons.length;
    e.preventDefault();
    buttons[next].focus();
  }

  private focusOn(selector?: string): void {
    if (selector) {
      (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus();
    }
  }

  // --- rendering --------------------------------------------------------------------------------

  protected render(): TemplateResult {
    return html`<main>
      <header>
        <h1 tabindex="-1">Your connections</h1>
        ${this._props?.onClose ? html`<button class="close" aria-label="Close" @click=${() => this._props?.onClose?.()}>×</button>` : nothing}
      </header>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
      ${this.body()}
      ${this.confirming ? this.confirmDialog(this.confirming) : nothing}
      ${this.stopping ? this.stopDialog(this.stopping) : nothing}
    </main>`;
  }

  private body(): TemplateResult {
    if (this.screen === "loading") {
      return html`<p class="muted">Loading your connections…</p>`;
    }
    if (this.screen === "failed") {
      const f = this.failure;
      return html`<div role="alert" class="notice">
          <p><strong>We couldn't load your connections.</strong> ${f?.message ?? ""}</p>
          ${f?.correlationId ? html`<p class="muted">Reference: ${f.correlationId}</p>` : nothing}
        </div>
        <button class="secondary" @click=${() => this.start()}>Try again</button>`;
    }
    return html`
      <p class="muted">The accounts you share with ${this.lenderName}. You can disconnect at any time.</p>
      ${this.notice ? html`<div role="alert" class="notice">${this.notice}</div>` : nothing}
      ${this.connections.length === 0
        ? html`<p>You haven't connected any accounts yet.</p>`
        : html`<ul aria-label="Connections">${this.connections.map((c) => this.item(c))}</ul>`}`;
  }

  private item(c: ManagedConnection): TemplateResult {
    const locale = this._props?.options?.locale;
    const waiting = this.reconnecting?.connection.id === c.id;
    return html`<li>
      ${c.logoUrl ? html`<img class="logo" src=${c.logoUrl} alt="" loading="lazy">` : nothing}
      <div class="details">
        <h2>${c.platformName}</h2>
        ${c.organisationName ? html`<p class="muted">${c.organisationName}</p>` : nothing}
        <dl>
          <dt>Status</dt><dd class="status ${c.status}">${c.status === "Linked" ? "✓ " : ""}${statusText(c.status)}</dd>
          <dt>First connected</dt><dd>${formatDate(c.firstLinked ?? c.created, locale)}</dd>
          <dt>Last updated</dt><dd>${formatDate(c.lastSync, locale)}</dd>
        </dl>
        ${waiting ? html`<p>Waiting for ${c.platformName}… <button class="link" @click=${() => this.reopen()}>Reopen the window</button></p>` : nothing}
      </div>
      <div class="actions">
        ${c.status === "Linked"
          ? html`<button class="secondary" data-disconnect=${c.id} ?disabled=${waiting}
              @click=${() => this.askDisconnect(c)}>Disconnect<span class="sr-only"> ${c.platformName}</span></button>`
          : html`<button class="primary" data-reconnect=${c.id} ?disabled=${Boolean(this.reconnecting)}
              @click=${() => this.reconnect(c)}>Reconnect<span class="sr-only"> ${c.platformName}</span></button>`}
      </div>
      ${c.status === "Linked" ? this.productList(c) : nothing}
    </li>`;
  }

  /** The products this connection is shared for, each with its dates and actions. */
  private productList(c: ManagedConnection): TemplateResult | typeof nothing {
    // consents of companies without products are the connection itself: Disconnect covers them
    const active = shownConsentsOn(c, this.consents).filter((consent) => consent.productIdentifier);
    if (active.length === 0) {
      return nothing;
    }
    const locale = this._props?.options?.locale;
    const days = this._props?.options?.renewWithinDays ?? DEFAULT_RENEW_WITHIN_DAYS;
    const now = Date.now();
    return html`<section class="consents" aria-labelledby="consents-${c.id}">
      <h3 id="consents-${c.id}" tabindex="-1" data-consents=${c.id}>Shared for</h3>
      <ul class="products">${active.map((consent) => {
        const product = this.productName(consent.productIdentifier);
        const ended = consent.status === "Expired";
        const soon = ended || expiringSoon(consent, now, days);
        return html`<li class="product">
          <div>
            <p><strong>${product}</strong>${ended ? html` <span class="soon">· ended</span>`
              : soon ? html` <span class="soon">· ends soon</span>` : nothing}</p>
            <p class="muted">${ended ? html`Ended ${formatDate(consent.expiresAt, locale)}`
              : html`Since ${formatDate(consent.grantedAt, locale)} · until ${formatDate(consent.expiresAt, locale)}`}</p>
          </div>
          <div class="product-actions">
            ${soon ? html`<button class="primary" data-renew=${consent.id} ?disabled=${this.renewing === consent.id}
                @click=${() => this.renew(consent, c)}>Renew<span class="sr-only"> ${product} for ${c.platformName}</span></button>`
              : nothing}
            ${ended ? nothing : html`<button class="secondary" data-stop=${consent.id} ?disabled=${this.renewing === consent.id}
              @click=${() => this.askStop(consent, c)}>Stop sharing for ${product}<span class="sr-only"> from ${c.platformName}</span></button>`}
          </div>
        </li>`;
      })}</ul>
    </section>`;
  }

  private stopDialog(stopping: StoppingConsent): TemplateResult {
    const { consent, connection, impact, busy } = stopping;
    const product = this.productName(consent.productIdentifier);
    const deleted = impact?.dataDeletedAt ? formatDate(impact.dataDeletedAt, this._props?.options?.locale) : "";
    return html`<div class="overlay" @keydown=${(e: KeyboardEvent) => this.dialogKeys(e)}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="stop-title" aria-describedby="stop-what">
        <h2 id="stop-title">Stop sharing ${connection.platformName} for ${product}?</h2>
        ${impact ? html`
          <div id="stop-what">${impactSentences(impact, product, connection.platformName).map((s) => html`<p>${s}</p>`)}</div>
          ${deleted ? html`<p>Data already shared for ${product} is deleted on ${deleted}.</p>` : nothing}
          <p class="muted">You can share it again from ${this.lenderName}'s journey.</p>`
          : html`<p id="stop-what" class="muted">Checking what this affects…</p>`}
        <div class="buttons">
          <button class="danger" ?disabled=${busy} @click=${() => this.stop()}>Stop sharing</button>
          <button class="secondary" ?disabled=${busy && Boolean(impact)} @click=${() => this.cancelDisconnect()}>Keep sharing</button>
        </div>
      </div>
    </div>`;
  }

  private confirmDialog(confirming: Confirming): TemplateResult {
    const { connection, impact, busy } = confirming;
    const dataTypes = (impact?.dataTypes ?? []).map(plainDataType);
    const products = (impact?.products ?? []).map((p) => p.name).filter(Boolean);
    const retention = this._props?.options?.retentionText
      ?? `Data already shared stays with ${this.lenderName} as their privacy policy says.`;
    return html`<div class="overlay" @keydown=${(e: KeyboardEvent) => this.dialogKeys(e)}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-what">
        <h2 id="confirm-title">Disconnect ${connection.platformName}?</h2>
        ${impact ? html`
          <p id="confirm-what">${this.lenderName} will no longer receive updates from ${connection.platformName}${dataTypes.length
            ? html`: your ${listText(dataTypes)}` : nothing}.</p>
          ${products.length ? html`<p>These will stop working: ${listText(products)}.</p>` : nothing}
          <p>${retention}</p>
          <p class="muted">You can reconnect at any time.</p>` : html`<p id="confirm-what" class="muted">Checking what this affects…</p>`}
        <div class="buttons">
          <button class="danger" ?disabled=${busy} @click=${() => this.disconnect()}>Disconnect</button>
          <button class="secondary" ?disabled=${busy && Boolean(impact)} @click=${() => this.cancelDisconnect()}>Keep connected</button>
        </div>
      </div>
    </div>`;
  }
}

if (!customElements.get("bridgekeeper-connections")) {
  customElements.define("bridgekeeper-connections", BridgekeeperConnections);
}
