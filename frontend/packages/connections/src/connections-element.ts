// <bridgekeeper-connections>: the customer's list of data connections, with Disconnect (after a confirmation
// that says what stops) and Reconnect (the platform's sign-in again, same connection); under each connection the
// products with a consent on it, "Stop sharing for <product>" and "Renew". Thin glue: manage.ts decides,
// screens/ render its state, and this element carries out its effects with the API, the platform window and
// the lender's callbacks, then feeds the answers back as events.

import { LitElement, type TemplateResult } from "lit";
import { ConnectionWatch, applyTheme, closeWindow, defaultBaseUrl, errorArgs, leaveForPlatform, openPlatformWindow,
  platformError, returnAddress, takeSuspended, withReturn } from "@bridgekeeper/link-core";
import { ConnectionsApi } from "./api.js";
import { initialManage, transition, type ManageEffect, type ManageEvent, type ManageState, type Refreshed,
  type SuspendedReconnect } from "./manage.js";
import type { ConnectionState } from "./model.js";
import { page } from "./screens/list.js";
import { styles } from "./styles.js";
import type { ConnectionsProps } from "./types.js";

const WINDOW_NAME = "bridgekeeper-connections-platform";

export class BridgekeeperConnections extends LitElement {
  static styles = styles;

  private _props?: ConnectionsProps;
  private api?: ConnectionsApi;
  private manage: ManageState = initialManage();
  private popup: Window | null = null;
  private watch?: ConnectionWatch<ConnectionState>;
  /** Bumped by every start, so answers to an earlier start's requests are dropped. */
  private run = 0;

  get props(): ConnectionsProps | undefined {
    return this._props;
  }

  set props(value: ConnectionsProps | undefined) {
    this._props = value;
    if (this.isConnected) {
      this.start();
    }
  }

  connectedCallback(): void {
    super.connectedCallback();
    if (this._props) {
      this.start();
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watch?.stop();
  }

  private get resumeKey(): string {
    return `bridgekeeper-connections:${this._props?.companyId ?? ""}`;
  }

  private start(): void {
    const props = this._props!;
    applyTheme(this, props.options?.theme);
    this.send({ type: "start", options: props.options ?? {} });
  }

  private readonly send = (event: ManageEvent): void => {
    const [next, effects] = transition(this.manage, event);
    if (next !== this.manage) {
      this.manage = next;
      this.requestUpdate();
    }
    for (const effect of effects) {
      this.perform(effect);
    }
  };

  /** Sends the answer of a request as an event, unless a newer start has replaced the list meanwhile. */
  private answer<T>(request: Promise<T>, ok: (value: T) => ManageEvent,
      failed: (error: unknown) => ManageEvent | undefined): void {
    const run = this.run;
    request.then((value) => run === this.run && this.send(ok(value)), (error: unknown) => {
      const event = run === this.run ? failed(error) : undefined;
      if (event) {
        this.send(event);
      }
    });
  }

  private async refreshed(): Promise<Refreshed> {
    const [connections, consents] = await Promise.all([this.api!.list(), this.consents()]);
    return { connections, consents };
  }

  /** The consent records; none (and no per-product section, not an error) when the server cannot give them. */
  private async consents() {
    try {
      return await this.api!.consents();
    } catch {
      return [];
    }
  }

  private perform(effect: ManageEffect): void {
    const error = (e: unknown) => errorArgs(e, true);
    switch (effect.kind) {
      case "load": {
        const props = this._props!;
        this.run++;
        const api = this.api = new ConnectionsApi(props.baseUrl ?? defaultBaseUrl(), props.companyId, props.accessToken);
        return this.answer(Promise.all([api.lender(), api.list(), this.consents()]),
          ([company, connections, consents]) => ({ type: "loaded", lenderName: company.lender?.name, connections, consents,
            suspended: takeSuspended<SuspendedReconnect>(this.resumeKey) }),
          (e) => ({ type: "loadFailed", error: error(e) }));
      }
      case "refresh":
        return this.answer(this.refreshed(), (refreshed) => ({ type: "refreshed", refreshed }), () => undefined);
      case "loadImpact":
        return this.answer(this.api!.impact(effect.connectionId),
          (impact) => ({ type: "impactLoaded", connectionId: effect.connectionId, impact }),
          (e) => ({ type: "impactFailed", connectionId: effect.connectionId, error: error(e) }));
      case "loadConsentImpact":
        return this.answer(this.api!.consentImpact(effect.consentId),
          (impact) => ({ type: "consentImpactLoaded", consentId: effect.consentId, impact }),
          (e) => ({ type: "consentImpactFailed", consentId: effect.consentId, error: error(e) }));
      case "disconnect":
        return this.answer(this.api!.disconnect(effect.connectionId).then(() => this.refreshed()),
          (refreshed) => ({ type: "disconnected", refreshed }), (e) => ({ type: "disconnectFailed", error: error(e) }));
      case "revoke":
        return this.answer(this.api!.revokeConsent(effect.consentId, effect.reason).then(() => this.refreshed()),
          (refreshed) => ({ type: "stopped", refreshed }), (e) => ({ type: "stopFailed", error: error(e) }));
      case "renew": {
        const { consent, connection } = effect;
        return this.answer((async () => {
          const renewed = await this.api!.reconfirmConsent(consent.id);
          return { renewed, refreshed: await this.refreshed() };
        })(), ({ renewed, refreshed }) => ({ type: "renewed", consent, connection, renewed, refreshed }),
        (e) => ({ type: "renewFailed", consent, connection, error: error(e) }));
      }
      case "openWindow":
        this.popup = openPlatformWindow(WINDOW_NAME, effect.url);
        return;
      case "startReconnect": {
        const connection = effect.connection;
        return this.answer(this.api!.state(connection.id),
          (state) => ({ type: "reconnectStarted", connection, baseline: state.errorCount, popup: this.popup !== null }),
          (e) => ({ type: "reconnectFailed", connection, error: error(e) }));
      }
      case "leaveForPlatform":
        // the sign-in brings this tab back to this very page
        leaveForPlatform(this.resumeKey, effect.saved, withReturn(effect.url, returnAddress()));
        return;
      case "watch": {
        const id = effect.connectionId;
        this.watch?.stop();
        this.watch = new ConnectionWatch(() => this.api!.state(id), effect.baseline, this.popup, (outcome) => {
          switch (outcome.kind) {
            case "linked": return this.send({ type: "watched", outcome: { kind: "linked" } });
            case "failed": return this.send({ type: "watched", outcome: { kind: "failed", cancelled: outcome.cancelled,
              error: platformError(outcome.connection) } });
            case "closed": return this.send({ type: "watched", outcome: { kind: "closed" } });
            case "unreachable": return this.send({ type: "watched", outcome: { kind: "unreachable",
              error: error(outcome.error) } });
          }
        });
        return;
      }
      case "reopenWindow":
        if (this.watch) {
          this.watch.reopen(WINDOW_NAME, effect.url);
          this.popup = this.watch.popup;
        }
        return;
      case "endWatch":
        this.watch?.stop();
        closeWindow(this.popup);
        this.popup = null;
        return;
      case "refreshAfterReconnect": {
        const connection = effect.connection;
        return this.answer(this.refreshed(), (refreshed) => ({ type: "reconnected", connection, refreshed }),
          () => ({ type: "reconnected", connection }));
      }
      case "onError":
        this._props?.onError?.(effect.error);
        return;
      case "onDisconnect":
        this._props?.onDisconnect?.(effect.args);
        return;
      case "onReconnect":
        this._props?.onReconnect?.(effect.args);
        return;
      case "onConsentRevoked":
        this._props?.onConsentRevoked?.(effect.args);
        return;
      case "onConsentRenewed":
        this._props?.onConsentRenewed?.(effect.args);
        return;
      case "onClose":
        this._props?.onClose?.();
        return;
      case "focus": {
        const selector = effect.selector;
        void this.updateComplete.then(() => (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus());
        return;
      }
    }
  }

  protected render(): TemplateResult {
    return page({ state: this.manage, send: this.send, closable: Boolean(this._props?.onClose) });
  }
}

if (!customElements.get("bridgekeeper-connections")) {
  customElements.define("bridgekeeper-connections", BridgekeeperConnections);
}
