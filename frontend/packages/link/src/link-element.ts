// <bridgekeeper-link>: the consent journey. Thin glue: the journey (journey.ts) decides, the screens (screens/)
// render its state, and this element carries out the journey's effects with the Link API, the platform window
// and the lender's callbacks, then feeds the answers back as events.

import { LitElement, type TemplateResult } from "lit";
import { ConnectionWatch, SMALL_SCREEN, closeWindow, defaultBaseUrl, errorArgs, leaveForPlatform, openWindow,
  applyTheme, returnAddress, smallScreen, takeSuspended, withReturn } from "@bridgekeeper/link-core";
import { LinkApi, redeemLinkToken, type LinkCompany, type LinkConnection } from "./api.js";
import { consentText, journeyText } from "./copy.js";
import { Beacon } from "./funnel.js";
import { cleanAddress, hostedStart, keepToken } from "./hosted.js";
import { initialJourney, transition, type Effect, type JourneyEvent, type JourneyState,
  type Suspended } from "./journey.js";
import { render } from "./screens/index.js";
import { styles } from "./styles.js";
import type { LinkProps } from "./types.js";

const WINDOW_NAME = "bridgekeeper-link-platform";

export class BridgekeeperLink extends LitElement {
  static styles = styles;

  private _props?: LinkProps;
  private api?: LinkApi;
  /** The funnel's beacon for the current journey (a new one, with a new id, on every start). */
  private beacon = new Beacon();
  private journey: JourneyState = initialJourney();
  private popup: Window | null = null;
  private watch?: ConnectionWatch<LinkConnection>;
  /** Bumped by every start, so answers to an earlier start's requests are dropped. */
  private run = 0;
  /** Hosted Link: the page's one-time link token (until redeemed) and the lender the page names. */
  private hosted?: { linkToken?: string; preview: LinkCompany; uploadFirst: boolean };
  private layout?: MediaQueryList;
  private readonly layoutChanged = (e: MediaQueryListEvent) => this.send({ type: "layoutChanged", sameTab: e.matches });

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
      this.start();
    }
  }

  connectedCallback(): void {
    super.connectedCallback();
    if (!this._props && this.hasAttribute("hosted")) {
      const start = hostedStart(this);
      this._props = start.props;
      this.hosted = { linkToken: start.linkToken, preview: start.preview, uploadFirst: start.uploadFirst };
    }
    // a phone turned, a window resized: the consent screen's words and the way to the platform follow
    this.layout = window.matchMedia?.(SMALL_SCREEN);
    this.layout?.addEventListener?.("change", this.layoutChanged);
    if (this._props) {
      this.start();
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.layout?.removeEventListener?.("change", this.layoutChanged);
    this.watch?.stop();
  }

  /** The consent exactly as shown: every section's text after interpolation, in screen order. */
  consentText(): string {
    return consentText(this.journey);
  }

  private start(): void {
    const props = this._props;
    if (!props) {
      return;
    }
    this.run++;
    this.watch?.stop();
    applyTheme(this, props.options?.theme);
    this.toggleAttribute("hide-border", props.options?.hideBorder === true);
    const configured = Boolean(props.companyId && props.accessToken);
    this.api = configured ? new LinkApi(props.baseUrl ?? defaultBaseUrl(), props.companyId, props.accessToken!) : undefined;
    this.beacon = new Beacon();
    this.beaconWith(this.api);
    this.send({ type: "start", options: props.options ?? {}, configured, hosted: Boolean(this.hosted),
      sameTab: smallScreen(), redeem: !configured && Boolean(this.hosted?.linkToken), preview: this.hosted?.preview,
      uploadFirst: this.hosted?.uploadFirst });
  }

  private readonly send = (event: JourneyEvent): void => {
    const [next, effects] = transition(this.journey, event);
    if (next !== this.journey) {
      this.journey = next;
      this.requestUpdate();
    }
    for (const effect of effects) {
      this.perform(effect);
    }
  };

  /** Sends the answer of a request as an event, unless a newer start has replaced the journey meanwhile. */
  private answer<T>(request: Promise<T>, ok: (value: T) => JourneyEvent | undefined, failed: (error: unknown) => JourneyEvent): void {
    const run = this.run;
    request.then((value) => {
      const event = run === this.run ? ok(value) : undefined;
      if (event) {
        this.send(event);
      }
    }, (error: unknown) => {
      if (run === this.run) {
        this.send(failed(error));
      }
    });
  }

  private beaconWith(api: LinkApi | undefined): void {
    if (api) {
      this.beacon.sendWith((step) => api.journeyStep(step));
    }
  }

  /** Where the customer consents: the server also knows it from a Hosted Link token. */
  private get channel(): "Link" | "HostedLink" {
    return this.hosted ? "HostedLink" : "Link";
  }

  private get resumeKey(): string {
    return `bridgekeeper-link:${this._props?.companyId ?? ""}`;
  }

  private perform(effect: Effect): void {
    const api = this.api!;
    const requestFailed = (e: unknown): JourneyEvent => ({ type: "requestFailed", error: errorArgs(e, false) });
    switch (effect.kind) {
      case "redeem": {
        const props = this._props!;
        const base = props.baseUrl ?? defaultBaseUrl();
        return this.answer(redeemLinkToken(base, props.companyId, this.hosted!.linkToken!), (token) => {
          keepToken(props.companyId, token);
          cleanAddress();
          this.hosted!.linkToken = undefined;
          this.api = new LinkApi(base, props.companyId, token);
          this.beaconWith(this.api);
          return { type: "redeemed" };
        }, (e) => ({ type: "redeemFailed", error: errorArgs(e, false) }));
      }
      case "loadCompany":
        return this.answer(api.company(), (company) => {
          const suspended = takeSuspended<Suspended & { journeyId?: string }>(this.resumeKey);
          this.beacon.continueAs(suspended?.journeyId);
          if (suspended?.connection?.id) {
            // the beacon naming the connection may have died with the page that left for the platform
            this.beacon.emitted("consentGiven", { connectionId: suspended.connection.id });
          }
          return { type: "companyLoaded", company, suspended };
        },
          (e) => ({ type: "companyFailed", error: errorArgs(e, false) }));
      case "loadPending":
        return this.answer(api.pendingConsents().catch(() => []), (pending) => ({ type: "pendingLoaded", pending }),
          requestFailed);
      case "loadIntegrations":
        return this.answer(api.integrations(effect.sourceType, effect.showSandbox, effect.allowed),
          (integrations) => ({ type: "integrationsLoaded", key: effect.key, integrations }), requestFailed);
      case "loadConsentTexts":
        return this.answer(api.consentTexts(effect.sourceType, effect.platformKey),
          (texts) => ({ type: "consentTextsLoaded", platformKey: effect.platformKey, texts }),
          (e) => ({ type: "consentTextsFailed", platformKey: effect.platformKey, error: errorArgs(e, false) }));
      case "recordAdditional": {
        const p = effect.pending;
        return this.answer(api.recordConsent(p.connectionId, p.sourceType, effect.text, this.channel, p.productIdentifier),
          () => ({ type: "additionalRecorded", pending: p, text: effect.text }), requestFailed);
      }
      case "loadUploads":
        return this.answer(api.uploads(), (uploads) => ({ type: "uploadsLoaded", uploads }), requestFailed);
      case "recordUploadConsent":
        return this.answer(api.recordUploadConsent(effect.text, this.channel) as Promise<{ connectionId: string }>,
          (recorded) => ({ type: "uploadConsentRecorded", connectionId: recorded.connectionId }), requestFailed);
      case "uploadFiles":
        return this.answer(api.uploadFiles(effect.files, (percent) => this.send({ type: "uploadProgress", percent })),
          (files) => ({ type: "filesUploaded", files }),
          (e) => ({ type: "uploadFailed", message: e instanceof Error ? e.message : String(e) }));
      case "openWindow":
        // the opener link is kept on purpose: without it this page may no longer close the window when the
        // connection is done (browsers only let a script close windows it opened)
        this.popup = openWindow(WINDOW_NAME);
        return;
      case "startConnection":
        return this.answer((async () => {
          const connection = await api.createConnection(effect.platformKey);
          for (const r of effect.records) {
            await api.recordConsent(connection.id, effect.sourceType, r.text, this.channel, r.productIdentifier,
              r.textVersion, r.locale);
          }
          return connection;
        })(), (connection) => ({ type: "connectionStarted", connection, text: effect.text, popup: this.popup !== null }),
        (e) => ({ type: "connectionFailed", error: errorArgs(e, false) }));
      case "navigateWindow":
        this.popup!.location.href = effect.url;
        return;
      case "reopenWindow":
        if (this.watch) {
          this.watch.reopen(WINDOW_NAME, effect.url);
          this.popup = this.watch.popup;
        }
        return;
      case "closeWindow":
        closeWindow(this.popup);
        this.popup = null;
        return;
      case "watch": {
        const id = effect.connectionId;
        this.watch?.stop();
        this.watch = new ConnectionWatch(() => api.connection(id), effect.baseline, this.popup, (outcome) =>
          this.send({ type: "watched", outcome: outcome.kind === "unreachable"
            ? { kind: "unreachable", error: errorArgs(outcome.error, false) } : outcome }));
        return;
      }
      case "stopWatching":
        this.watch?.stop();
        return;
      case "leaveForPlatform":
        // the sign-in brings this tab back to this very page (Hosted Link: its bare address, never a token)
        leaveForPlatform(this.resumeKey, { ...effect.saved, journeyId: this.beacon.journeyId }, withReturn(effect.url, returnAddress(Boolean(this.hosted))));
        return;
      case "goTo":
        location.assign(effect.url);
        return;
      case "emit":
        this.beacon.emitted(effect.event, effect.detail);
        this.dispatchEvent(new CustomEvent("bridgekeeper-link-event",
          { detail: { type: effect.event, ...effect.detail }, bubbles: true, composed: true }));
        return;
      case "onError":
        this._props?.onError?.(effect.error);
        return;
      case "onConsent":
        this._props?.onConsent?.({ text: effect.text });
        return;
      case "onConnectionStarted":
        this._props?.onConnectionStarted?.(effect.args);
        return;
      case "onConnection":
        this._props?.onConnection?.(effect.args);
        return;
      case "onFinish":
        this._props?.onFinish?.();
        return;
      case "onClose":
        this._props?.onClose?.();
        return;
      case "focusHeading":
        void this.updateComplete.then(() => (this.renderRoot.querySelector("h1") as HTMLElement | null)?.focus());
        return;
    }
  }

  render(): TemplateResult {
    const state = this.journey;
    return render({ state, send: this.send, text: (key) => journeyText(state, key), closable: Boolean(this._props?.onClose) });
  }
}

if (!customElements.get("bridgekeeper-link")) {
  customElements.define("bridgekeeper-link", BridgekeeperLink);
}
