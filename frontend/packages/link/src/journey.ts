// The Link journey as a pure state machine: no DOM, no network. `transition` takes the state and an event
// (the customer's click, or an answer from the server or the platform window) and returns the next state and
// the effects for <bridgekeeper-link> to carry out, in order: calls to the server, the platform window, the
// lender's callbacks and the funnel events. Every screen renders from the state alone.

import type { LinkCompany, LinkConnection, LinkIntegration, PendingConsent, ProductConsentText, UploadedFile,
  Uploads } from "./api.js";
import { additionalText, pendingForSteps } from "./additional.js";
import { consentText, copy, lenderName } from "./copy.js";
import { sourceTypeSteps } from "./options.js";
import { productAcceptances } from "./product-texts.js";
import type { JourneyState, Linked, Screen } from "./state.js";
import { refusals, uploadConsentText } from "./upload.js";
import type { ConnectionCallbackArgs, ErrorCallbackArgs, FunnelEvent, LinkOptions, SourceType } from "./types.js";

export { SCREENS } from "./state.js";
export type { JourneyState, Linked, Outcome, Screen } from "./state.js";

/** What waits in this tab's session storage while the customer signs in at the platform in the same tab. */
export interface Suspended {
  linked: [string, Linked[]][];
  step?: string;
  integration?: LinkIntegration;
  connection: LinkConnection;
  baseline: number;
}

/** One POST …/consents: the text shown and, with product texts, the product's identifier, version and locale. */
export interface ConsentRecordRequest {
  text: string;
  productIdentifier?: string;
  textVersion?: string;
  locale?: string;
}

/** How watching the connection ended (the core's WatchResult for a Link connection). */
export type WatchOutcome =
  | { kind: "linked"; connection: LinkConnection }
  | { kind: "failed"; connection: LinkConnection; cancelled: boolean }
  | { kind: "closed" }
  | { kind: "unreachable"; error: ErrorCallbackArgs };

/** How the element starts: its props or Hosted Link's page attributes. */
export interface StartContext {
  /** Hosted Link: the component is the whole page. */
  hosted?: boolean;
  /** A small screen, where the platform takes this tab. */
  sameTab?: boolean;
  /** A one-time link token waits to be redeemed by Get started. */
  redeem?: boolean;
  /** What the page already knows of the lender (Hosted Link), shown before the company loads. */
  preview?: LinkCompany;
  /** Hosted Link opened from an upload connection's linkUrl: the upload screen instead of the accounts list. */
  uploadFirst?: boolean;
}

export type JourneyEvent =
  /** New props: `configured` when they have a company id and a token. */
  | ({ type: "start"; options: LinkOptions; configured: boolean } & StartContext)
  /** Hosted Link's one-time link was redeemed: the company can load. */
  | { type: "redeemed" }
  | { type: "redeemFailed"; error: ErrorCallbackArgs }
  /** The screen became small or large: popup or this tab, and the words that say which. */
  | { type: "layoutChanged"; sameTab: boolean }
  | { type: "companyLoaded"; company: LinkCompany; suspended?: Suspended }
  | { type: "companyFailed"; error: ErrorCallbackArgs }
  | { type: "pendingLoaded"; pending: PendingConsent[] }
  | { type: "landingAccepted" }
  | { type: "additionalAgreed" }
  | { type: "additionalRecorded"; pending: PendingConsent; text: string }
  | { type: "additionalSkipped" }
  | { type: "sourceTypeChosen"; key: string }
  | { type: "integrationsLoaded"; key: string; integrations: LinkIntegration[] }
  | { type: "searched"; text: string }
  | { type: "platformChosen"; integration: LinkIntegration }
  | { type: "consentTextsLoaded"; platformKey: string; texts: ProductConsentText[] }
  | { type: "consentTextsFailed"; platformKey: string; error: ErrorCallbackArgs }
  | { type: "agreed" }
  /** The connection exists and the consent is recorded; `popup` says whether the platform window opened. */
  | { type: "connectionStarted"; connection: LinkConnection; text: string; popup: boolean }
  | { type: "requestFailed"; error: ErrorCallbackArgs }
  | { type: "connectionFailed"; error: ErrorCallbackArgs }
  | { type: "watched"; outcome: WatchOutcome }
  | { type: "reopen" }
  /** Back: picker → choose what to connect, consent → picker. */
  | { type: "back" }
  /** From a result to choose what to connect ("Continue", "Back to your accounts"). */
  | { type: "toAccounts" }
  /** "Try again" after the customer did not allow access: the consent screen again. */
  | { type: "retry" }
  /** "Can't find yours?" on the picker. */
  | { type: "helpAsked" }
  /** "Upload documents instead" on the help screen, and the upload screen's answers. */
  | { type: "uploadAsked" }
  | { type: "uploadsLoaded"; uploads: Uploads }
  | { type: "uploadAgreed" }
  | { type: "uploadConsentRecorded"; connectionId: string }
  | { type: "filesChosen"; files: File[] }
  | { type: "uploadProgress"; percent: number }
  | { type: "filesUploaded"; files: UploadedFile[] }
  | { type: "uploadFailed"; message: string }
  | { type: "uploadDone" }
  | { type: "completed" }
  | { type: "done" }
  | { type: "closeAsked" }
  | { type: "closeAnswered"; confirmed: boolean };

export type JourneyEventType = JourneyEvent["type"];

export type Effect =
  /** Redeems Hosted Link's one-time link for the tab's token. */
  | { kind: "redeem" }
  | { kind: "loadCompany" }
  | { kind: "loadPending" }
  | { kind: "loadIntegrations"; key: string; sourceType: SourceType; showSandbox: boolean; allowed?: string[] }
  | { kind: "loadConsentTexts"; sourceType: SourceType; platformKey: string }
  | { kind: "recordAdditional"; pending: PendingConsent; text: string }
  /** Opens the platform's window now, inside the customer's click, so the browser does not block it. */
  | { kind: "openWindow" }
  | { kind: "startConnection"; platformKey: string; sourceType: SourceType; text: string; records: ConsentRecordRequest[] }
  | { kind: "navigateWindow"; url: string }
  | { kind: "reopenWindow"; url: string }
  | { kind: "closeWindow" }
  | { kind: "watch"; connectionId: string; baseline: number }
  | { kind: "stopWatching" }
  /** Same-tab fallback: keep `saved` in session storage and send this tab to the platform. */
  | { kind: "leaveForPlatform"; saved: Suspended; url: string }
  | { kind: "emit"; event: FunnelEvent; detail: Record<string, unknown> }
  | { kind: "onError"; error: ErrorCallbackArgs }
  | { kind: "onConsent"; text: string }
  | { kind: "onConnectionStarted"; args: ConnectionCallbackArgs }
  | { kind: "onConnection"; args: ConnectionCallbackArgs }
  | { kind: "onFinish" }
  | { kind: "onClose" }
  /** Hosted Link's Done: the tab goes back to the lender. */
  | { kind: "goTo"; url: string }
  | { kind: "loadUploads" }
  | { kind: "recordUploadConsent"; text: string }
  | { kind: "uploadFiles"; files: File[] }
  /** A new screen: move focus to its heading. */
  | { kind: "focusHeading" };

export type Transition = [JourneyState, Effect[]];

export function initialJourney(options: LinkOptions = {}, context: StartContext = {}): JourneyState {
  return { screen: "loading", announcement: "", options, hosted: context.hosted === true,
    sameTab: context.sameTab === true, uploadFirst: context.uploadFirst === true, redeeming: false, landingDone: false,
    busy: false, steps: sourceTypeSteps(options),
    pending: [], linked: {}, integrations: [], search: "", productTexts: [], notice: "", confirmingClose: false };
}

// ---- what the screens read -----------------------------------------------------------------------------

export function linkedOf(state: JourneyState, key: string): Linked[] {
  return state.linked[key] ?? [];
}

export function connectedCount(state: JourneyState): number {
  return state.steps.filter((s) => linkedOf(state, s.key).length > 0).length;
}

export function requiredDone(state: JourneyState): boolean {
  return state.steps.every((s) => s.optional || linkedOf(state, s.key).length > 0);
}

/** The platforms the picker shows for the search term. */
export function shownIntegrations(state: JourneyState): LinkIntegration[] {
  const term = state.search.trim().toLowerCase();
  return state.integrations.filter((i) => !term || i.name.toLowerCase().includes(term));
}

export function callbackArgs(c: LinkConnection): ConnectionCallbackArgs {
  return { connectionId: c.id, integrationId: c.integrationId, integrationKey: c.integrationKey,
    platformName: c.platformName, sourceId: c.sourceId, sourceType: c.sourceType };
}

/** Which events each screen takes; any other event leaves the state as it is, with no effects. */
const ACCEPTS: Record<Screen, readonly JourneyEventType[]> = {
  loading: ["companyLoaded", "companyFailed", "pendingLoaded"],
  // a redeemed link loads the company while the landing page stays up
  landing: ["landingAccepted", "redeemed", "redeemFailed", "companyLoaded", "companyFailed", "pendingLoaded"],
  additional: ["additionalAgreed", "additionalSkipped"],
  main: ["sourceTypeChosen", "completed"],
  picker: ["searched", "platformChosen", "consentTextsLoaded", "consentTextsFailed", "back", "helpAsked"],
  help: ["back", "uploadAsked"],
  upload: ["back", "uploadsLoaded", "uploadAgreed", "uploadConsentRecorded", "filesChosen", "uploadProgress",
    "filesUploaded", "uploadFailed", "uploadDone"],
  consent: ["agreed", "consentTextsLoaded", "consentTextsFailed", "back"],
  waiting: ["watched", "reopen"],
  result: ["toAccounts", "retry"],
  finish: ["done"],
  done: [],
  fatal: [],
};

/** Events taken on every screen: new props, answers to requests already on their way, the layout, and closing. */
const ANYWHERE: readonly JourneyEventType[] = ["start", "integrationsLoaded", "additionalRecorded", "connectionStarted",
  "connectionFailed", "requestFailed", "layoutChanged", "closeAsked", "closeAnswered"];

export function accepts(state: JourneyState, type: JourneyEventType): boolean {
  return ANYWHERE.includes(type) || ACCEPTS[state.screen].includes(type);
}

// ---- transitions ---------------------------------------------------------------------------------------

function show(state: JourneyState, screen: Screen, effects: Effect[], announcement = "", patch: Partial<JourneyState> = {}):
    Transition {
  const viewed: Effect[] = screen === state.screen ? [] : [emit("stepViewed", { step: screen })];
  return [{ ...state, busy: false, ...patch, screen, announcement }, [...effects, ...viewed, { kind: "focusHeading" }]];
}

function emit(event: FunnelEvent, detail: Record<string, unknown> = {}): Effect {
  return { kind: "emit", event, detail };
}

/** Choose what to connect, after any additional consents still asked for. */
function enter(state: JourneyState, effects: Effect[] = [], announcement = "", patch: Partial<JourneyState> = {}): Transition {
  const pending = patch.pending ?? state.pending;
  if (state.uploadFirst && !pending.length) {
    // an upload connection's linkUrl: straight to the upload screen, once
    const [next, uploadEffects] = uploadTransition({ ...state, ...patch, uploadFirst: false }, { type: "uploadAsked" });
    return [next, [...effects, ...uploadEffects]];
  }
  return show(state, pending.length ? "additional" : "main", effects, announcement, patch);
}

function afterCompany(state: JourneyState, effects: Effect[]): Transition {
  return state.options.showLandingPage && !state.landingDone ? show(state, "landing", effects) : enter(state, effects);
}

/** A failed request or platform: onError, the funnel's error, and the result screen with its reference. */
function reportError(state: JourneyState, error: ErrorCallbackArgs, effects: Effect[] = []): Transition {
  return show(state, "result", [...effects, { kind: "onError", error }, emit("error", { ...error })], copy.wentWrong, {
    outcome: { kind: "error", platformName: state.integration?.name ?? "", message: error.message,
      correlationId: error.correlationId },
  });
}

function fail(state: JourneyState, error: ErrorCallbackArgs, title?: string): Transition {
  return show(state, "fatal", [{ kind: "onError", error }, emit("error", { ...error })], "",
    { fatal: error, fatalTitle: title });
}

/** Props or a page that cannot start: the developer's reason for onError, the customer's words on the screen. */
function cannotStart(state: JourneyState): Transition {
  if (state.hosted) {
    // a protected Hosted Link opened without the link that was sent (or in a tab that never redeemed it)
    return fail(state, { message: copy.linkNeeded(lenderName(state)), userRecoverable: false }, copy.linkNeededTitle);
  }
  return fail(state, { message: copy.needsSetup, userRecoverable: false });
}

function resume(state: JourneyState, saved: Suspended | undefined): Transition | undefined {
  const step = state.steps.find((s) => s.key === saved?.step);
  if (!saved || !step || !saved.connection?.id || !saved.integration || !Array.isArray(saved.linked)) {
    return undefined;
  }
  return show(state, "waiting", [{ kind: "watch", connectionId: saved.connection.id, baseline: saved.baseline }],
    copy.checking(saved.integration.name), { linked: Object.fromEntries(saved.linked), step,
      integration: saved.integration, connection: saved.connection });
}

function watched(state: JourneyState, outcome: WatchOutcome): Transition {
  switch (outcome.kind) {
    case "linked": {
      const c = outcome.connection;
      const key = state.step!.key;
      const linked = { ...state.linked, [key]: [...linkedOf(state, key), { connectionId: c.id, platformName: c.platformName,
        organisationName: c.organisationName, logoUrl: state.integration?.iconUrl ?? state.integration?.logoUrl }] };
      return show(state, "result", [{ kind: "closeWindow" }, { kind: "onConnection", args: callbackArgs(c) },
        emit("connected", { connectionId: c.id })], copy.connectedAnnouncement(c.platformName), {
        linked, outcome: { kind: "connected", platformName: c.platformName, organisationName: c.organisationName },
      });
    }
    case "failed": {
      const c = outcome.connection;
      const cancelled = outcome.cancelled;
      const effects: Effect[] = [{ kind: "closeWindow" }, emit(cancelled ? "cancelled" : "error", { connectionId: c.id })];
      if (!cancelled) {
        effects.push({ kind: "onError", error: { message: c.lastError?.errorMessage, correlationId: c.id,
          errorCode: Number(c.lastError?.statusCode) || undefined, userRecoverable: true } });
      }
      return show(state, "result", effects, cancelled ? copy.notConnected : copy.wentWrong, {
        outcome: { kind: cancelled ? "cancelled" : "error", platformName: c.platformName,
          message: c.lastError?.errorMessage, correlationId: cancelled ? undefined : c.id },
      });
    }
    case "closed":
      // the notice is an alert, read out once; the live region stays quiet so it is not said twice
      return show(state, "picker", [emit("popupClosed", { reason: "closed" })], "", { notice: copy.closedNotice });
    case "unreachable":
      return reportError(state, outcome.error);
  }
}

/** The next state and what to do; an event the current screen does not take changes nothing. */
export function transition(state: JourneyState, event: JourneyEvent): Transition {
  if (!accepts(state, event.type)) {
    return [state, []];
  }
  switch (event.type) {
    case "start": {
      const fresh = { ...initialJourney(event.options, event), company: event.preview };
      if (event.redeem) {
        // Hosted Link's one-time link: nothing is spent until the customer's Get started
        return show({ ...fresh, redeeming: true }, "landing", [emit("opened")]);
      }
      return event.configured ? show(fresh, "loading", [{ kind: "loadCompany" }]) : cannotStart(fresh);
    }
    case "redeemed":
      return [{ ...state, redeeming: false }, [{ kind: "loadCompany" }]];
    case "redeemFailed":
      return fail(state, event.error);
    case "layoutChanged":
      return event.sameTab === state.sameTab ? [state, []] : [{ ...state, sameTab: event.sameTab }, []];
    case "companyLoaded": {
      const loaded = { ...state, company: event.company };
      // a redeemed link has already counted as opened on its landing page
      const opened = state.landingDone ? [] : [emit("opened")];
      const resumed = resume(loaded, event.suspended);
      if (resumed) {
        return [resumed[0], [...opened, ...resumed[1]]];
      }
      if (state.options.enableAdditionalConsent) {
        // a product taken after the customer connected: ask for its consent, no new sign-in at the platform
        return [loaded, [...opened, { kind: "loadPending" }]];
      }
      return afterCompany(loaded, opened);
    }
    case "companyFailed":
      return fail(state, event.error);
    case "pendingLoaded":
      return afterCompany({ ...state, pending: pendingForSteps(event.pending, state.steps) }, []);
    case "landingAccepted":
      if (state.busy) {
        // the link is being redeemed and the company loaded: their answers move on
        return [state, []];
      }
      return state.redeeming ? [{ ...state, busy: true, landingDone: true }, [{ kind: "redeem" }]]
        : enter(state, [], "", { landingDone: true });
    case "additionalAgreed": {
      const p = state.pending[0];
      return [state, [{ kind: "recordAdditional", pending: p, text: additionalText(state, p) }]];
    }
    case "additionalRecorded": {
      const p = event.pending;
      const step = state.steps.find((s) => s.sourceType.toLowerCase() === p.sourceType.toLowerCase());
      let linked = state.linked;
      if (step && !linkedOf(state, step.key).some((l) => l.connectionId === p.connectionId)) {
        linked = { ...linked, [step.key]: [...linkedOf(state, step.key), { connectionId: p.connectionId,
          platformName: p.platformName }] };
      }
      return enter(state, [{ kind: "onConsent", text: event.text },
        emit("consentGiven", { connectionId: p.connectionId, productIdentifier: p.productIdentifier })],
      copy.shared(p.platformName, p.productName), { linked, pending: state.pending.filter((q) => q !== p) });
    }
    case "additionalSkipped":
      return enter(state, [], "", { pending: state.pending.slice(1) });
    case "sourceTypeChosen": {
      const step = state.steps.find((s) => s.key === event.key);
      if (!step) {
        return [state, []];
      }
      return show(state, "picker", [emit("sourceTypeChosen", { sourceType: step.sourceType }),
        { kind: "loadIntegrations", key: step.key, sourceType: step.sourceType,
          showSandbox: state.options.showSandboxIntegrations ?? true, allowed: step.allowedIntegrations }],
      "", { step, search: "", notice: "", integrations: [] });
    }
    case "integrationsLoaded":
      // an answer for a source type the customer has since left is not shown
      return event.key === state.step?.key ? [{ ...state, integrations: event.integrations }, []] : [state, []];
    case "searched":
      return [{ ...state, search: event.text }, []];
    case "platformChosen":
      return [{ ...state, integration: event.integration }, [emit("platformChosen", { integrationKey: event.integration.key }),
        { kind: "loadConsentTexts", sourceType: state.step!.sourceType, platformKey: event.integration.key }]];
    case "consentTextsLoaded":
      // only the texts of the platform chosen last (the customer may have clicked another meanwhile)
      return event.platformKey === state.integration?.key
        ? show(state, "consent", [], "", { productTexts: event.texts }) : [state, []];
    case "consentTextsFailed":
      if (event.platformKey !== state.integration?.key) {
        return [state, []];
      }
      // a server without product texts answers 404: the built-in wording
      return event.error.errorCode === 404 ? show(state, "consent", [], "", { productTexts: [] })
        : reportError(state, event.error);
    case "agreed": {
      if (state.busy) {
        return [state, []];
      }
      const text = consentText(state);
      // one record per product, each under its own text version; all of them hold the whole screen shown
      const records: ConsentRecordRequest[] = state.productTexts.length ? productAcceptances(state.productTexts, text)
        : [{ text }];
      // a small screen signs in in this tab, as the consent screen said; otherwise the window opens in the click
      const open: Effect[] = state.sameTab ? [] : [{ kind: "openWindow" }];
      return [{ ...state, busy: true }, [...open, { kind: "startConnection", platformKey: state.integration!.key,
        sourceType: state.step!.sourceType, text, records }]];
    }
    case "connectionStarted": {
      const c = event.connection;
      const started: Effect[] = [{ kind: "onConsent", text: event.text }, emit("consentGiven", { connectionId: c.id }),
        { kind: "onConnectionStarted", args: callbackArgs(c) }];
      const withConnection = { ...state, connection: c };
      if (!event.popup) {
        // popup blocked or a small screen: this tab goes to the platform and comes back to this page's address
        const saved: Suspended = { linked: Object.entries(state.linked), step: state.step?.key,
          integration: state.integration, connection: c, baseline: c.errorCount };
        return [withConnection, [...started, emit("popupClosed", { reason: "blocked" }),
          { kind: "leaveForPlatform", saved, url: c.linkUrl }]];
      }
      return show(withConnection, "waiting", [...started, { kind: "navigateWindow", url: c.linkUrl }, emit("popupOpened"),
        { kind: "watch", connectionId: c.id, baseline: c.errorCount }],
      copy.waitingAnnouncement(state.integration?.name ?? c.platformName));
    }
    case "requestFailed":
      return reportError(state, event.error);
    case "connectionFailed":
      return reportError(state, event.error, [{ kind: "closeWindow" }]);
    case "watched":
      return watched(state, event.outcome);
    case "reopen":
      return state.connection ? [state, [{ kind: "reopenWindow", url: state.connection.linkUrl }]] : [state, []];
    case "back":
      if (state.screen === "upload") {
        // opened on the upload screen (no platform looked for): back to the accounts list
        return state.busy ? [state, []] : show(state, state.step ? "help" : "main", []);
      }
      return show(state, state.screen === "consent" || state.screen === "help" ? "picker" : "main", []);
    case "uploadAsked":
    case "uploadsLoaded":
    case "uploadAgreed":
    case "uploadConsentRecorded":
    case "filesChosen":
    case "uploadProgress":
    case "filesUploaded":
    case "uploadFailed":
    case "uploadDone":
      return uploadTransition(state, event);
    case "helpAsked":
      return show(state, "help", [emit("platformMissing", { sourceType: state.step!.sourceType })]);
    case "toAccounts":
      return show(state, "main", []);
    case "retry":
      return state.outcome?.kind === "cancelled" ? show(state, "consent", []) : [state, []];
    case "completed":
      return requiredDone(state) ? show(state, "finish", [emit("finished")]) : [state, []];
    case "done": {
      if (!state.hosted) {
        return [state, [{ kind: "onFinish" }]];
      }
      // Hosted Link, like Codat's, sends the customer back to the lender; without an address it says to close
      const url = state.company?.returnUrl;
      return url ? [{ ...state, busy: true }, [{ kind: "goTo", url }]] : show(state, "done", []);
    }
    case "closeAsked":
      return [{ ...state, confirmingClose: true }, []];
    case "closeAnswered":
      if (!state.confirmingClose) {
        return [state, []];
      }
      return [{ ...state, confirmingClose: false }, event.confirmed
        ? [{ kind: "stopWatching" }, { kind: "closeWindow" }, emit("closed"), { kind: "onClose" }] : []];
  }
}

type UploadEvent = Extract<JourneyEvent, { type: "uploadAsked" | "uploadsLoaded" | "uploadAgreed"
  | "uploadConsentRecorded" | "filesChosen" | "uploadProgress" | "filesUploaded" | "uploadFailed" | "uploadDone" }>;

/** The upload screen: consent first, then files checked here and again by the server, then Done. */
function uploadTransition(state: JourneyState, event: UploadEvent): Transition {
  const upload = state.upload ?? { consented: false, files: [], errors: [] };
  switch (event.type) {
    case "uploadAsked":
      return show(state, "upload", [{ kind: "loadUploads" }, emit("uploadChosen", { sourceType: state.step?.sourceType })],
        "", { upload: { ...upload, errors: [] }, busy: true });
    case "uploadsLoaded":
      return [{ ...state, busy: false, upload: { ...upload, limits: event.uploads.limits,
        consented: event.uploads.consented, files: event.uploads.files } }, []];
    case "uploadAgreed":
      return [{ ...state, busy: true }, [{ kind: "recordUploadConsent", text: uploadConsentText(lenderName(state)) }]];
    case "uploadConsentRecorded":
      return [{ ...state, busy: false, announcement: copy.uploadReady, upload: { ...upload, consented: true,
        connectionId: event.connectionId } }, [{ kind: "focusHeading" }]];
    case "filesChosen": {
      if (state.busy || !upload.limits || !event.files.length) {
        return [state, []];
      }
      const errors = refusals(event.files, upload.limits);
      if (errors.length) {
        return [{ ...state, announcement: errors.join(" "), upload: { ...upload, errors } }, []];
      }
      return [{ ...state, busy: true, announcement: copy.uploading, upload: { ...upload, errors: [], progress: 0 } },
        [{ kind: "uploadFiles", files: event.files }]];
    }
    case "uploadProgress":
      return [{ ...state, upload: { ...upload, progress: event.percent } }, []];
    case "filesUploaded":
      return [{ ...state, busy: false, announcement: copy.uploaded(event.files.length), upload: { ...upload,
        progress: undefined, files: [...upload.files, ...event.files] } }, []];
    case "uploadFailed":
      return [{ ...state, busy: false, announcement: event.message, upload: { ...upload, progress: undefined,
        errors: [event.message] } }, []];
    case "uploadDone": {
      const key = state.step?.key;
      if (!upload.files.length || !key) {
        return [state, []];
      }
      // the documents stand in for the platform the customer could not find: the step counts as done
      const shared: Linked = { connectionId: upload.connectionId ?? "", platformName: copy.uploadedDocuments };
      const linked = { ...state.linked, [key]: [...linkedOf(state, key).filter((l) => l.platformName !== shared.platformName),
        shared] };
      return show(state, "main", [emit("uploaded", { files: upload.files.length })], copy.uploadsShared, { linked });
    }
  }
}
