// <bridgekeeper-link>: the consent journey. One element, one state object, one render per screen.

import { LitElement, html, nothing, type TemplateResult } from "lit";
import { LinkApi, LinkApiError, type LinkCompany, type LinkConnection, type LinkIntegration,
  type PendingConsent, type ProductConsentText } from "./api.js";
import { additionalConsentText, pendingForSteps } from "./additional.js";
import { productAcceptances, productConsentText, sectionMarkdown } from "./product-texts.js";
import { dataTypesFor, safeColor, sourceTypeSteps, textFor, type SourceTypeStep } from "./options.js";
import { styles } from "./styles.js";
import { interpolate, parseMarkdown, plainDataType, type Block, type Inline } from "./text.js";
import type { ConnectionCallbackArgs, ErrorCallbackArgs, LinkProps } from "./types.js";

type Screen = "loading" | "landing" | "additional" | "main" | "picker" | "consent" | "waiting" | "result" | "finish" | "fatal";

interface Linked {
  connectionId: string;
  platformName: string;
  organisationName?: string;
  logoUrl?: string;
}

interface Outcome {
  kind: "connected" | "cancelled" | "error";
  platformName: string;
  organisationName?: string;
  message?: string;
  correlationId?: string;
}

const POLL_MS = 1000;
const POPUP_FEATURES = "popup=yes,width=520,height=720";

/** The funnel events lenders can listen for (bubbling, composed "bridgekeeper-link-event"). */
export type FunnelEvent = "opened" | "sourceTypeChosen" | "platformChosen" | "consentGiven" | "popupOpened"
  | "popupClosed" | "connected" | "cancelled" | "error" | "finished" | "closed";

function defaultBaseUrl(): string {
  try {
    return new URL(import.meta.url).origin;
  } catch {
    return location.origin;
  }
}

export class BridgekeeperLink extends LitElement {
  static styles = styles;

  private _props?: LinkProps;
  private api?: LinkApi;
  private company?: LinkCompany;
  private steps: SourceTypeStep[] = [];
  private screen: Screen = "loading";
  private linked = new Map<string, Linked[]>();
  private step?: SourceTypeStep;
  private integrations: LinkIntegration[] = [];
  private search = "";
  private integration?: LinkIntegration;
  private connection?: LinkConnection;
  private popup: Window | null = null;
  private pollTimer?: ReturnType<typeof setTimeout>;
  private outcome?: Outcome;
  private notice = "";
  private announcement = "";
  private confirmingClose = false;
  private fatal?: ErrorCallbackArgs;
  private pending: PendingConsent[] = [];
  /** The company's products' consent texts for the chosen platform; empty: the built-in wording. */
  private productTexts: ProductConsentText[] = [];

  get props(): LinkProps | undefined {
    return this._props;
  }

  set props(value: LinkProps | undefined) {
    this._props = value;
    // where a browser lacks constructable stylesheets Lit writes <style> elements; a strict style-src needs the nonce
    const nonce = value?.options?.nonce;
    if (nonce && !(window as { litNonce?: string }).litNonce) {
      (window as { litNonce?: string }).litNonce = nonce;
    }
    if (this.isConnected) {
      void this.start();
    }
  }

  connectedCallback(): void {
    super.connectedCallback();
    if (!this._props && this.hasAttribute("hosted")) {
      this._props = this.hostedProps();
    }
    if (this._props) {
      void this.start();
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.pollTimer);
  }

  /** Hosted Link: the company from the attribute, the token from the URL fragment (then wiped from the address bar). */
  private hostedProps(): LinkProps {
    const fragment = new URLSearchParams(location.hash.slice(1));
    // a protected Hosted Link: the server redeemed the one-time ?token= and put a company token in the page
    const given = this.getAttribute("access-token");
    const token = given ?? fragment.get("token") ?? sessionStorage.getItem("bridgekeeper-link-token") ?? undefined;
    if (token) {
      sessionStorage.setItem("bridgekeeper-link-token", token);
      history.replaceState(null, "", location.pathname + (given ? "" : location.search));
      this.removeAttribute("access-token");
    }
    return {
      companyId: this.getAttribute("company-id") ?? "",
      accessToken: token,
      baseUrl: location.origin,
      onConnection: () => undefined,
      onError: () => undefined,
      onFinish: () => undefined,
      options: { showLandingPage: true, showSandboxIntegrations: true },
    };
  }

  private emit(type: FunnelEvent, detail: Record<string, unknown> = {}): void {
    this.dispatchEvent(new CustomEvent("bridgekeeper-link-event", { detail: { type, ...detail }, bubbles: true, composed: true }));
  }

  private show(screen: Screen, announcement = ""): void {
    this.screen = screen;
    this.announcement = announcement;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      (this.renderRoot.querySelector("h1") as HTMLElement | null)?.focus();
    });
  }

  private get options() {
    return this._props?.options ?? {};
  }

  private async start(): Promise<void> {
    const props = this._props;
    if (!props) {
      return;
    }
    const color = safeColor(props.options?.theme?.colors?.primary);
    if (color) {
      this.style.setProperty("--bk-primary", color);
    }
    this.toggleAttribute("hide-border", props.options?.hideBorder === true);
    this.steps = sourceTypeSteps(props.options);
    if (!props.companyId || !props.accessToken) {
      this.failFatally({ message: "Link needs a companyId and an accessToken.", userRecoverable: false });
      return;
    }
    this.api = new LinkApi(props.baseUrl ?? defaultBaseUrl(), props.companyId, props.accessToken);
    this.show("loading");
    try {
      this.company = await this.api.company();
    } catch (e) {
      this.failFatally(this.errorOf(e));
      return;
    }
    this.emit("opened");
    if (this.resume()) {
      return;
    }
    if (props.options?.enableAdditionalConsent) {
      // a product taken after the customer connected: ask for its consent, no new sign-in at the platform
      this.pending = pendingForSteps(await this.api.pendingConsents().catch(() => []), this.steps);
    }
    if (props.options?.showLandingPage) {
      this.show("landing");
    } else {
      this.enter();
    }
  }

  private errorOf(e: unknown): ErrorCallbackArgs {
    return e instanceof LinkApiError ? e.details : { message: String(e), userRecoverable: false };
  }

  private failFatally(error: ErrorCallbackArgs): void {
    this.fatal = error;
    this._props?.onError?.(error);
    this.emit("error", { ...error });
    this.show("fatal");
  }

  // ---- text --------------------------------------------------------------------------------

  private vars(): Record<string, string | undefined> {
    const lender = (this.options.text?.companyName as string | undefined) ?? this.company?.lender.name ?? "your lender";
    // on the additional-consent screen the platform is the one already connected
    const platformName = this.screen === "additional" ? this.pending[0]?.platformName : this.integration?.name;
    return { companyName: lender, platformName };
  }

  private text(key: string): string {
    return interpolate(textFor(this.options, key, this.step?.key), this.vars());
  }

  private markdown(source: string): TemplateResult {
    return html`${parseMarkdown(source).map((b: Block) => b.kind === "p"
      ? html`<p>${this.inline(b.inline)}</p>`
      : html`<ul>${b.items.map((item) => html`<li>${this.inline(item)}</li>`)}</ul>`)}`;
  }

  private inline(parts: Inline[]): TemplateResult {
    return html`${parts.map((part) => {
      switch (part.kind) {
        case "strong": return html`<strong>${part.text}</strong>`;
        case "em": return html`<em>${part.text}</em>`;
        case "link": return html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>`;
        default: return part.text;
      }
    })}`;
  }

  // ---- actions -----------------------------------------------------------------------------

  private enter(announcement = ""): void {
    this.show(this.pending.length ? "additional" : "main", announcement);
  }

  private additionalText(p: PendingConsent): string {
    return additionalConsentText(p, this.vars().companyName!, this.text("consents.access"),
      this.text("consents.retention"), this.text("consents.termsAndConditions"));
  }

  /** Records the shown product's consent on the connection the customer already has, then the next one. */
  private async agreeAdditional(): Promise<void> {
    const p = this.pending[0];
    const text = this.additionalText(p);
    try {
      await this.api!.recordConsent(p.connectionId, p.sourceType, text, p.productIdentifier);
    } catch (e) {
      this.reportError(e);
      return;
    }
    const step = this.steps.find((s) => s.sourceType.toLowerCase() === p.sourceType.toLowerCase())!;
    const list = this.linked.get(step.key) ?? [];
    if (!list.some((l) => l.connectionId === p.connectionId)) {
      list.push({ connectionId: p.connectionId, platformName: p.platformName });
    }
    this.linked.set(step.key, list);
    this._props?.onConsent?.({ text });
    this.emit("consentGiven", { connectionId: p.connectionId, productIdentifier: p.productIdentifier });
    this.pending.shift();
    this.enter(`${p.platformName} is shared for ${p.productName}`);
  }

  private skipAdditional(): void {
    this.pending.shift();
    this.enter();
  }

  private connectedCount(): number {
    return this.steps.filter((s) => (this.linked.get(s.key) ?? []).length > 0).length;
  }

  private requiredDone(): boolean {
    return this.steps.every((s) => s.optional || (this.linked.get(s.key) ?? []).length > 0);
  }

  private async chooseSourceType(step: SourceTypeStep): Promise<void> {
    this.step = step;
    this.search = "";
    this.notice = "";
    this.emit("sourceTypeChosen", { sourceType: step.sourceType });
    this.integrations = [];
    this.show("picker");
    try {
      this.integrations = await this.api!.integrations(step.sourceType, this.options.showSandboxIntegrations ?? true,
        step.allowedIntegrations);
      this.requestUpdate();
    } catch (e) {
      this.reportError(e);
    }
  }

  private async choosePlatform(integration: LinkIntegration): Promise<void> {
    this.integration = integration;
    this.emit("platformChosen", { integrationKey: integration.key });
    try {
      this.productTexts = await this.api!.consentTexts(this.step!.sourceType, integration.key);
    } catch (e) {
      if (!(e instanceof LinkApiError && e.details.errorCode === 404)) {
        this.reportError(e);
        return;
      }
      this.productTexts = []; // a server without product texts: the built-in wording, as before
    }
    this.show("consent");
  }

  /** The consent exactly as shown: every section's text after interpolation, in screen order. */
  consentText(): string {
    if (this.productTexts.length) {
      return productConsentText({ title: this.text("consents.title"), subtitle: this.text("consents.subtitle"),
        terms: this.text("consents.termsAndConditions"), nextStep: this.nextStepText() }, this.productTexts);
    }
    const data = dataTypesFor(this.options, this.step!, this.integration?.dataTypes ?? []).map(plainDataType);
    return [
      this.text("consents.title"),
      this.text("consents.subtitle"),
      `Purpose\n${this.text("consents.purpose")}`,
      `Access\n${this.text("consents.access")}`,
      `Account information\n${this.text("consents.accountInformation")}`,
      `Platform data\n${data.map((d) => `- ${d}`).join("\n")}`,
      `Retention\n${this.text("consents.retention")}`,
      this.text("consents.termsAndConditions"),
      this.nextStepText(),
    ].join("\n\n");
  }

  private nextStepText(): string {
    return `You'll sign in at ${this.integration?.name ?? ""} in a new window and come back here.`;
  }

  private async agree(): Promise<void> {
    const integration = this.integration!;
    const step = this.step!;
    const text = this.consentText();
    // open the window while the click still counts as the customer's own action, so it is not blocked
    const small = window.matchMedia?.("(max-width: 480px)").matches === true;
    this.popup = small ? null : window.open("", "bridgekeeper-link-platform", POPUP_FEATURES);
    // the opener link is kept on purpose: without it this page may no longer close the window when
    // the connection is done (browsers only let a script close windows it opened)
    let connection: LinkConnection;
    try {
      connection = await this.api!.createConnection(integration.key);
      if (this.productTexts.length) {
        // one record per product, each under its own text version; all of them hold the whole screen shown
        for (const a of productAcceptances(this.productTexts, text)) {
          await this.api!.recordConsent(connection.id, step.sourceType, a.text, a.productIdentifier, a.textVersion,
            a.locale);
        }
      } else {
        await this.api!.recordConsent(connection.id, step.sourceType, text);
      }
    } catch (e) {
      this.popup?.close();
      this.reportError(e);
      return;
    }
    this.connection = connection;
    this._props?.onConsent?.({ text });
    this.emit("consentGiven", { connectionId: connection.id });
    this._props?.onConnectionStarted?.(this.args(connection));
    if (!this.popup) {
      // popup blocked or a small screen: this tab goes to the platform and the profile's redirect brings the customer back
      this.emit("popupClosed", { reason: "blocked" });
      this.suspend(connection);
      location.assign(connection.linkUrl);
      return;
    }
    this.popup.location.href = connection.linkUrl;
    this.emit("popupOpened");
    this.show("waiting", `Waiting for ${integration.name}`);
    this.poll(connection.errorCount);
  }

  private get resumeKey(): string {
    return `bridgekeeper-link:${this._props?.companyId ?? ""}`;
  }

  /**
   * Same-tab fallback: the journey's state waits in this tab's session storage while the customer is
   * at the platform; the profile's redirect brings them back to the page, which mounts Link again.
   */
  private suspend(connection: LinkConnection): void {
    const saved = { linked: [...this.linked.entries()], step: this.step?.key, integration: this.integration,
      connection, baseline: connection.errorCount };
    sessionStorage.setItem(this.resumeKey, JSON.stringify(saved));
  }

  private resume(): boolean {
    const raw = sessionStorage.getItem(this.resumeKey);
    if (!raw) {
      return false;
    }
    sessionStorage.removeItem(this.resumeKey);
    try {
      const saved = JSON.parse(raw) as { linked: [string, Linked[]][]; step: string; integration: LinkIntegration;
        connection: LinkConnection; baseline: number };
      const step = this.steps.find((s) => s.key === saved.step);
      if (!step || !saved.connection?.id) {
        return false;
      }
      this.linked = new Map(saved.linked);
      this.step = step;
      this.integration = saved.integration;
      this.connection = saved.connection;
      this.show("waiting", `Checking ${saved.integration.name}`);
      this.poll(saved.baseline);
      return true;
    } catch {
      return false;
    }
  }

  private reopen(): void {
    if (this.connection) {
      this.popup = window.open(this.connection.linkUrl, "bridgekeeper-link-platform", POPUP_FEATURES);
    }
  }

  private poll(baselineErrors: number, popupGoneSince?: number): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(async () => {
      if (this.screen !== "waiting" || !this.connection) {
        return;
      }
      let now: LinkConnection;
      try {
        now = await this.api!.connection(this.connection.id);
      } catch (e) {
        this.reportError(e);
        return;
      }
      if (now.status === "Linked") {
        this.finishPopup();
        this.connected(now);
        return;
      }
      if (now.errorCount > baselineErrors) {
        this.finishPopup();
        const cancelled = now.lastError?.statusCode === "403";
        this.outcome = {
          kind: cancelled ? "cancelled" : "error",
          platformName: now.platformName,
          message: now.lastError?.errorMessage,
          correlationId: cancelled ? undefined : now.id,
        };
        this.emit(cancelled ? "cancelled" : "error", { connectionId: now.id });
        if (!cancelled) {
          this._props?.onError?.({ message: now.lastError?.errorMessage, correlationId: now.id,
            errorCode: Number(now.lastError?.statusCode) || undefined, userRecoverable: true });
        }
        this.show("result", cancelled ? "Not connected" : "Something went wrong");
        return;
      }
      const gone = this.popup === null || this.popup.closed;
      if (gone) {
        // give the callback a moment to land before calling it a cancellation
        if (popupGoneSince && Date.now() - popupGoneSince > 3 * POLL_MS) {
          this.emit("popupClosed", { reason: "closed" });
          this.notice = "Not connected — try again.";
          this.show("picker", this.notice);
          return;
        }
        this.poll(baselineErrors, popupGoneSince ?? Date.now());
        return;
      }
      this.poll(baselineErrors);
    }, POLL_MS);
  }

  private finishPopup(): void {
    try {
      this.popup?.close();
    } catch {
      // already gone
    }
    this.popup = null;
  }

  private connected(connection: LinkConnection): void {
    const list = this.linked.get(this.step!.key) ?? [];
    list.push({ connectionId: connection.id, platformName: connection.platformName,
      organisationName: connection.organisationName, logoUrl: this.integration?.logoUrl });
    this.linked.set(this.step!.key, list);
    this.outcome = { kind: "connected", platformName: connection.platformName, organisationName: connection.organisationName };
    this._props?.onConnection?.(this.args(connection));
    this.emit("connected", { connectionId: connection.id });
    this.show("result", `Connected to ${connection.platformName}`);
  }

  private args(c: LinkConnection): ConnectionCallbackArgs {
    return { connectionId: c.id, integrationId: c.integrationId, integrationKey: c.integrationKey,
      platformName: c.platformName, sourceId: c.sourceId, sourceType: c.sourceType };
  }

  private reportError(e: unknown): void {
    const error = this.errorOf(e);
    this._props?.onError?.(error);
    this.emit("error", { ...error });
    this.outcome = { kind: "error", platformName: this.integration?.name ?? "", message: error.message,
      correlationId: error.correlationId };
    this.show("result", "Something went wrong");
  }

  private complete(): void {
    this.emit("finished");
    this.show("finish");
  }

  private done(): void {
    this._props?.onFinish?.();
  }

  private askClose(): void {
    this.confirmingClose = true;
    this.requestUpdate();
  }

  private close(confirmed: boolean): void {
    this.confirmingClose = false;
    this.requestUpdate();
    if (confirmed) {
      clearTimeout(this.pollTimer);
      this.finishPopup();
      this.emit("closed");
      this._props?.onClose?.();
    }
  }

  // ---- screens -----------------------------------------------------------------------------

  render(): TemplateResult {
    return html`
      <main aria-busy=${this.screen === "loading" ? "true" : "false"}>
        ${this.header()}
        ${this.body()}
        <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
        <div class="spacer"></div>
        <footer><span>Secured by Bridgekeeper</span></footer>
      </main>
      ${this.confirmingClose ? this.closeDialog() : nothing}`;
  }

  private header(): TemplateResult {
    const lender = this.company?.lender;
    return html`<header>
      ${lender?.logoUrl ? html`<img src=${lender.logoUrl} alt="" loading="lazy">` : nothing}
      <span class="lender">${(this.options.text?.companyName as string | undefined) ?? lender?.name ?? ""}</span>
      ${this._props?.onClose ? html`<button class="close" aria-label="Close" @click=${() => this.askClose()}>×</button>` : nothing}
    </header>`;
  }

  private body(): TemplateResult {
    switch (this.screen) {
      case "loading": return html`<p class="muted">Loading…</p>`;
      case "landing": return this.landing();
      case "additional": return this.additional();
      case "main": return this.main();
      case "picker": return this.picker();
      case "consent": return this.consent();
      case "waiting": return this.waiting();
      case "result": return this.result();
      case "finish": return this.finish();
      case "fatal": return html`<h1 tabindex="-1">We can't start right now</h1>
        <p>${this.fatal?.message}</p>
        ${this.fatal?.correlationId ? html`<p class="muted">Reference: ${this.fatal.correlationId}</p>` : nothing}`;
    }
  }

  private landing(): TemplateResult {
    return html`<h1 tabindex="-1">${this.text("landing.title")}</h1>
      ${this.markdown(this.text("landing.subtitle"))}
      <button class="primary" @click=${() => this.enter()}>${this.text("landing.nextButton")}</button>`;
  }

  private main(): TemplateResult {
    const total = this.steps.length;
    return html`<h1 tabindex="-1">${this.text("main.title")}</h1>
      ${this.markdown(this.text("main.subtitle"))}
      <p class="progress" aria-live="polite">${this.connectedCount()} of ${total} connected</p>
      <div class="cards">
        ${this.steps.map((step) => {
          const done = this.linked.get(step.key) ?? [];
          // the visible text is the accessible name: type, state and Required/Optional, never colour alone
          return html`<button class="card" @click=${() => this.chooseSourceType(step)}>
            ${done[0]?.logoUrl ? html`<img class="logo" src=${done[0].logoUrl} alt="" loading="lazy">` : nothing}
            <span class="grow">
              <span class="name">${step.label}</span><br>
              <span class="state ${done.length ? "ok" : ""}">${done.length
                ? `Connected ✓ ${done.map((d) => d.platformName).join(", ")}${step.key === "accounting" ? "" : " · add another"}`
                : step.description}</span>
            </span>
            <span class="tag ${step.optional ? "" : "required"}">${step.optional ? "Optional" : "Required"}</span>
          </button>`;
        })}
      </div>
      <button class="primary" ?disabled=${!this.requiredDone()} @click=${() => this.complete()}>Complete</button>
      ${this.requiredDone() ? nothing : html`<p class="muted">Connect the required ones to continue.</p>`}`;
  }

  private additional(): TemplateResult {
    const p = this.pending[0];
    return html`<h1 tabindex="-1">Share ${p.platformName} for ${p.productName}</h1>
      <p>You're already connected to ${p.platformName}. ${this.vars().companyName} asks to use it for ${p.productName} too.</p>
      ${p.purpose ? html`<section class="consent"><h2>Purpose</h2><p>${p.purpose}</p></section>` : nothing}
      <section class="consent"><h2>Access</h2>${this.markdown(this.text("consents.access"))}</section>
      <section class="consent"><h2>Platform data</h2><ul>${p.dataTypes.map((d) => html`<li>${plainDataType(d)}</li>`)}</ul></section>
      <section class="consent"><h2>Retention</h2>${this.markdown(this.text("consents.retention"))}</section>
      <section class="consent">${this.markdown(this.text("consents.termsAndConditions"))}</section>
      <p class="muted">No need to sign in again. You can stop sharing for ${p.productName} at any time.</p>
      <button class="primary" @click=${() => this.agreeAdditional()}>Agree and share</button>
      <button class="secondary" @click=${() => this.skipAdditional()}>Not now</button>`;
  }

  private picker(): TemplateResult {
    const step = this.step!;
    const term = this.search.trim().toLowerCase();
    const shown = this.integrations.filter((i) => !term || i.name.toLowerCase().includes(term));
    return html`<button class="link back" @click=${() => this.show("main")}>← Back</button>
      <h1 tabindex="-1">Pick your ${step.label.toLowerCase()} platform</h1>
      ${this.notice ? html`<p class="notice" role="alert">${this.notice}</p>` : nothing}
      <label for="search">Search</label>
      <input id="search" type="search" autocomplete="off" placeholder="e.g. Xero" .value=${this.search}
        @input=${(e: Event) => { this.search = (e.target as HTMLInputElement).value; this.requestUpdate(); }}>
      <div class="grid">
        ${shown.map((i) => html`<button class="card" @click=${() => this.choosePlatform(i)}>
          ${i.logoUrl ? html`<img class="logo" src=${i.logoUrl} alt="" loading="lazy">` : nothing}
          <span class="name">${i.name}</span></button>`)}
      </div>
      ${shown.length === 0 && this.integrations.length > 0 ? html`<p class="muted">No platform matches “${this.search}”.</p>` : nothing}
      <p class="muted">Can't find yours? Tell ${this.vars().companyName} which platform you use.</p>`;
  }

  private consent(): TemplateResult {
    if (this.productTexts.length) {
      return this.productConsent();
    }
    const data = dataTypesFor(this.options, this.step!, this.integration?.dataTypes ?? []).map(plainDataType);
    const section = (title: string, key: string) => html`<section class="consent"><h2>${title}</h2>${this.markdown(this.text(key))}</section>`;
    return html`<button class="link back" @click=${() => this.show("picker")}>← Back</button>
      <h1 tabindex="-1">${this.text("consents.title")}</h1>
      ${this.markdown(this.text("consents.subtitle"))}
      ${section("Purpose", "consents.purpose")}
      ${section("Access", "consents.access")}
      ${section("Account information", "consents.accountInformation")}
      <section class="consent"><h2>Platform data</h2><ul>${data.map((d) => html`<li>${d}</li>`)}</ul></section>
      ${section("Retention", "consents.retention")}
      <section class="consent">${this.markdown(this.text("consents.termsAndConditions"))}</section>
      <p class="muted">${this.nextStepText()}</p>
      <button class="primary" @click=${() => this.agree()}>${this.text("consents.nextButton")}</button>`;
  }

  /** The consent screen with the company's products' own sections (server-rendered, Markdown sanitised here). */
  private productConsent(): TemplateResult {
    return html`<button class="link back" @click=${() => this.show("picker")}>← Back</button>
      <h1 tabindex="-1">${this.text("consents.title")}</h1>
      ${this.markdown(this.text("consents.subtitle"))}
      ${this.productTexts.map((t) => html`<section class="consent product" data-product=${t.productIdentifier}>
        <h2>${t.heading}</h2>
        ${t.sections.map((s) => html`<section class="consent"><h3>${s.title}</h3>${this.markdown(sectionMarkdown(s.body))}</section>`)}
      </section>`)}
      <section class="consent">${this.markdown(this.text("consents.termsAndConditions"))}</section>
      <p class="muted">${this.nextStepText()}</p>
      <button class="primary" @click=${() => this.agree()}>${this.text("consents.nextButton")}</button>`;
  }

  private waiting(): TemplateResult {
    return html`<div class="center">
      <h1 tabindex="-1">Waiting for ${this.integration?.name}…</h1>
      <p>Sign in and allow access in the ${this.integration?.name} window.</p>
      <p><button class="link" @click=${() => this.reopen()}>Reopen the ${this.integration?.name} window</button></p>
    </div>`;
  }

  private result(): TemplateResult {
    const o = this.outcome!;
    if (o.kind === "connected") {
      return html`<div class="center"><div class="big ok" aria-hidden="true">✓</div>
        <h1 tabindex="-1">Connected ✓</h1>
        <p><strong>${o.platformName}</strong>${o.organisationName ? html` · ${o.organisationName}` : nothing}</p></div>
        <button class="primary" @click=${() => this.show("main")}>Continue</button>`;
    }
    if (o.kind === "cancelled") {
      return html`<div class="center"><h1 tabindex="-1">Not connected</h1>
        <p>You didn't allow access to ${o.platformName}, so nothing was shared.</p></div>
        <button class="primary" @click=${() => this.show("consent")}>Try again</button>
        <button class="secondary" @click=${() => this.show("main")}>Back to your accounts</button>`;
    }
    return html`<div class="center"><h1 tabindex="-1">Something went wrong</h1>
      <p>${o.message ?? "We could not connect."}</p>
      ${o.correlationId ? html`<p class="muted">Reference for support: <code>${o.correlationId}</code></p>` : nothing}</div>
      <button class="primary" @click=${() => this.show("main")}>Back to your accounts</button>`;
  }

  private finish(): TemplateResult {
    const all = this.steps.flatMap((s) => (this.linked.get(s.key) ?? []).map((l) => ({ step: s, l })));
    return html`<h1 tabindex="-1">You're all set</h1>
      <ul>${all.map(({ step, l }) => html`<li>${step.label}: ${l.platformName}${l.organisationName ? ` (${l.organisationName})` : ""} ✓</li>`)}</ul>
      <p>${this.vars().companyName} is now fetching your data. You can manage your connections from your account at any time.</p>
      <button class="primary" @click=${() => this.done()}>Done</button>`;
  }

  private closeDialog(): TemplateResult {
    return html`<div class="overlay"><div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="bk-close-title">
      <h2 id="bk-close-title">Leave without finishing?</h2>
      <p>Anything you've connected so far stays connected.</p>
      <button class="primary" @click=${() => this.close(true)}>Leave</button>
      <button class="secondary" @click=${() => this.close(false)}>Stay</button>
    </div></div>`;
  }
}

if (!customElements.get("bridgekeeper-link")) {
  customElements.define("bridgekeeper-link", BridgekeeperLink);
}
