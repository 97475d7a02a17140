// The journey state machine on its own: every screen against every event, then each transition's state and
// effects in order. No DOM, no network.

import { describe, expect, it } from "vitest";
import type { LinkCompany, LinkConnection, LinkIntegration, PendingConsent, ProductConsentText,
  UploadLimits } from "../src/api.js";
import { consentText } from "../src/copy.js";
import { SCREENS, accepts, connectedCount, initialJourney, requiredDone, shownIntegrations, transition,
  type Effect, type JourneyEvent, type JourneyEventType, type JourneyState, type Screen,
  type Suspended } from "../src/journey.js";
import type { LinkOptions } from "../src/types.js";
import { uploadConsentText } from "../src/upload.js";

const COMPANY: LinkCompany = { companyId: "c1", companyName: "Tiny Ltd", lender: { name: "Acme Bank" } };
const SBAC: LinkIntegration = { key: "sbac", name: "Sandbox Accounting", logoUrl: "https://bk.example/sbac.svg",
  sourceType: "Accounting", sandbox: true, dataTypes: ["invoices", "bankAccounts"] };
const XERO: LinkIntegration = { ...SBAC, key: "xero", name: "Xero", logoUrl: undefined };
const PENDING: LinkConnection = { id: "conn-1", integrationId: "i1", integrationKey: "sbac", sourceId: "s1",
  sourceType: "Accounting", platformName: "Sandbox Accounting", linkUrl: "https://bk.example/start", status: "PendingAuth",
  errorCount: 2 };
const LINKED: LinkConnection = { ...PENDING, status: "Linked", organisationName: "Sandbox Trading Ltd" };
const LENDING: PendingConsent = { productIdentifier: "lending", productName: "Lending", purpose: "Loans.",
  sourceType: "Banking", dataTypes: ["banking-accounts"], connectionId: "b1", platformName: "Sandbox Banking" };
const ONBOARDING_TEXT: ProductConsentText = { productIdentifier: "onboarding", productName: "Onboarding",
  sourceType: "Accounting", textVersion: "v1", locale: "en-GB", dataTypes: ["invoices"], heading: "Onboarding",
  sections: [{ title: "Purpose", body: "Open the account." }], text: "Onboarding\n\nPurpose\nOpen the account." };
const LENDING_TEXT: ProductConsentText = { ...ONBOARDING_TEXT, productIdentifier: "lending", productName: "Lending",
  textVersion: "v7", locale: undefined, heading: "Lending", text: "Lending" };

/** Accounting required, banking optional, so "required done" and "all done" differ. */
const OPTIONS: LinkOptions = { sourceTypes: { accounting: { optional: false, enableIntegrations: true },
  banking: { optional: true, enableIntegrations: true } } };

function run(state: JourneyState, ...events: JourneyEvent[]): [JourneyState, Effect[]] {
  let effects: Effect[] = [];
  for (const event of events) {
    [state, effects] = transition(state, event);
  }
  return [state, effects];
}

const started = (options: LinkOptions = OPTIONS) => run(initialJourney(), { type: "start", options, configured: true })[0];
const onMain = (options?: LinkOptions) => run(started(options), { type: "companyLoaded", company: COMPANY })[0];
const onPicker = () => run(onMain(), { type: "sourceTypeChosen", key: "accounting" },
  { type: "integrationsLoaded", key: "accounting", integrations: [SBAC, XERO] })[0];
const onConsent = (texts: ProductConsentText[] = []) => run(onPicker(), { type: "platformChosen", integration: SBAC },
  { type: "consentTextsLoaded", platformKey: "sbac", texts })[0];
const onWaiting = () => run(onConsent(), { type: "connectionStarted", connection: PENDING, text: "shown", popup: true })[0];
const onResult = (outcome: "linked" | "cancelled" | "error") => run(onWaiting(), { type: "watched", outcome:
  outcome === "linked" ? { kind: "linked", connection: LINKED }
    : { kind: "failed", connection: { ...PENDING, errorCount: 3, lastError: { statusCode: outcome === "cancelled" ? "403" : "500",
      errorMessage: "Nope." } }, cancelled: outcome === "cancelled" } })[0];
const onAdditional = () => run(started({ ...OPTIONS, enableAdditionalConsent: true }),
  { type: "companyLoaded", company: COMPANY }, { type: "pendingLoaded", pending: [LENDING] })[0];
const onFinish = () => run(onResult("linked"), { type: "toAccounts" }, { type: "completed" })[0];
const hostedStarted = () => run(initialJourney(), { type: "start", options: OPTIONS, configured: true, hosted: true })[0];
/** Hosted Link finished, where Done has no address to go back to. */
const onDone = () => {
  let state = run(hostedStarted(), { type: "companyLoaded", company: COMPANY }, { type: "sourceTypeChosen", key: "accounting" },
    { type: "integrationsLoaded", key: "accounting", integrations: [SBAC] }, { type: "platformChosen", integration: SBAC },
    { type: "consentTextsLoaded", platformKey: "sbac", texts: [] })[0];
  state = run(state, { type: "connectionStarted", connection: PENDING, text: "t", popup: true },
    { type: "watched", outcome: { kind: "linked", connection: LINKED } }, { type: "toAccounts" }, { type: "completed" },
    { type: "done" })[0];
  return state;
};
const LIMITS: UploadLimits = { maxFileSizeBytes: 10 * 1024 * 1024, maxFilesPerUpload: 2,
  allowedTypes: ["PDF", "CSV", "OFX", "XLSX", "CAMT.053"], allowedExtensions: [".pdf", ".csv", ".ofx", ".qfx", ".xlsx", ".xml"] };
/** The upload screen, its limits loaded, nothing agreed yet. */
const onUpload = () => run(onPicker(), { type: "helpAsked" }, { type: "uploadAsked" },
  { type: "uploadsLoaded", uploads: { limits: LIMITS, consented: false, files: [] } })[0];
const file = (name: string, size: number) => new File([new Uint8Array(size)], name);

/** The effects a new screen ends with: its funnel step, then the focus on its heading. */
const shown = (step: Screen): Effect[] => [{ kind: "emit", event: "stepViewed", detail: { step } }, { kind: "focusHeading" }];

/** A journey on each screen, reached through the machine itself. */
const ON: Record<Screen, () => JourneyState> = {
  loading: () => started(),
  landing: () => run(started({ ...OPTIONS, showLandingPage: true }), { type: "companyLoaded", company: COMPANY })[0],
  additional: onAdditional,
  main: () => onMain(),
  picker: onPicker,
  help: () => run(onPicker(), { type: "helpAsked" })[0],
  consent: () => onConsent(),
  waiting: onWaiting,
  result: () => onResult("cancelled"),
  finish: onFinish,
  done: onDone,
  fatal: () => run(started(), { type: "companyFailed", error: { message: "Token expired", userRecoverable: false } })[0],
  upload: () => onUpload(),
};

/** One event of each type, valid in shape. */
const EVENTS: Record<JourneyEventType, JourneyEvent> = {
  start: { type: "start", options: OPTIONS, configured: true },
  redeemed: { type: "redeemed" },
  redeemFailed: { type: "redeemFailed", error: { message: "This link has already been used.", errorCode: 410,
    userRecoverable: false } },
  layoutChanged: { type: "layoutChanged", sameTab: true },
  helpAsked: { type: "helpAsked" },
  companyLoaded: { type: "companyLoaded", company: COMPANY },
  companyFailed: { type: "companyFailed", error: { message: "x", userRecoverable: false } },
  pendingLoaded: { type: "pendingLoaded", pending: [] },
  landingAccepted: { type: "landingAccepted" },
  additionalAgreed: { type: "additionalAgreed" },
  additionalRecorded: { type: "additionalRecorded", pending: LENDING, text: "t" },
  additionalSkipped: { type: "additionalSkipped" },
  sourceTypeChosen: { type: "sourceTypeChosen", key: "banking" },
  integrationsLoaded: { type: "integrationsLoaded", key: "accounting", integrations: [XERO] },
  searched: { type: "searched", text: "xe" },
  platformChosen: { type: "platformChosen", integration: XERO },
  consentTextsLoaded: { type: "consentTextsLoaded", platformKey: "sbac", texts: [] },
  consentTextsFailed: { type: "consentTextsFailed", platformKey: "sbac", error: { errorCode: 500, userRecoverable: true } },
  agreed: { type: "agreed" },
  connectionStarted: { type: "connectionStarted", connection: PENDING, text: "t", popup: true },
  requestFailed: { type: "requestFailed", error: { message: "x", userRecoverable: true } },
  connectionFailed: { type: "connectionFailed", error: { message: "x", userRecoverable: true } },
  watched: { type: "watched", outcome: { kind: "closed" } },
  reopen: { type: "reopen" },
  back: { type: "back" },
  toAccounts: { type: "toAccounts" },
  retry: { type: "retry" },
  completed: { type: "completed" },
  done: { type: "done" },
  closeAsked: { type: "closeAsked" },
  closeAnswered: { type: "closeAnswered", confirmed: false },
  uploadAsked: { type: "uploadAsked" },
  uploadsLoaded: { type: "uploadsLoaded", uploads: { limits: LIMITS, consented: false, files: [] } },
  uploadAgreed: { type: "uploadAgreed" },
  uploadConsentRecorded: { type: "uploadConsentRecorded", connectionId: "up-1" },
  filesChosen: { type: "filesChosen", files: [] },
  uploadProgress: { type: "uploadProgress", percent: 50 },
  filesUploaded: { type: "filesUploaded", files: [] },
  uploadFailed: { type: "uploadFailed", message: "x" },
  uploadDone: { type: "uploadDone" },
};

/** The specification: which events each screen takes (plus the ones every screen takes). */
const EVERY_SCREEN: JourneyEventType[] = ["start", "integrationsLoaded", "additionalRecorded", "connectionStarted",
  "connectionFailed", "requestFailed", "layoutChanged", "closeAsked", "closeAnswered"];
const TAKES: Record<Screen, JourneyEventType[]> = {
  loading: ["companyLoaded", "companyFailed", "pendingLoaded"],
  landing: ["landingAccepted", "redeemed", "redeemFailed", "companyLoaded", "companyFailed", "pendingLoaded"],
  additional: ["additionalAgreed", "additionalSkipped"],
  main: ["sourceTypeChosen", "completed"],
  picker: ["searched", "platformChosen", "consentTextsLoaded", "consentTextsFailed", "back", "helpAsked"],
  help: ["back", "uploadAsked"],
  consent: ["agreed", "consentTextsLoaded", "consentTextsFailed", "back"],
  waiting: ["watched", "reopen"],
  result: ["toAccounts", "retry"],
  finish: ["done"],
  done: [],
  fatal: [],
  upload: ["back", "uploadsLoaded", "uploadAgreed", "uploadConsentRecorded", "filesChosen", "uploadProgress",
    "filesUploaded", "uploadFailed", "uploadDone"],
};

const kinds = (effects: Effect[]) => effects.map((e) => (e.kind === "emit" ? `emit:${e.event}` : e.kind));

describe("every screen against every event", () => {
  for (const screen of SCREENS) {
    const state = ON[screen]();

    it(`the fixture for ${screen} is on ${screen}`, () => {
      expect(state.screen).toBe(screen);
    });

    for (const type of Object.keys(EVENTS) as JourneyEventType[]) {
      const taken = EVERY_SCREEN.includes(type) || TAKES[screen].includes(type);
      it(`${screen} ${taken ? "takes" : "ignores"} ${type}`, () => {
        expect(accepts(state, type)).toBe(taken);
        if (!taken) {
          const [next, effects] = transition(state, EVENTS[type]);
          expect(next).toBe(state);
          expect(effects).toEqual([]);
        }
      });
    }
  }
});

describe("uploading documents instead", () => {
  it("opens on the upload screen when Hosted Link came from an upload connection's linkUrl, once", () => {
    const hosted = { type: "start", options: { ...OPTIONS, showLandingPage: true }, configured: true, hosted: true,
      uploadFirst: true } as const;
    const landing = run(initialJourney(), hosted, { type: "companyLoaded", company: COMPANY })[0];
    expect(landing.screen).toBe("landing");
    const [asked, loading] = transition(landing, { type: "landingAccepted" });
    expect(asked.screen).toBe("upload");
    expect(asked.uploadFirst).toBe(false);
    expect(kinds(loading)).toContain("loadUploads");
    const back = run(asked, { type: "uploadsLoaded", uploads: { limits: LIMITS, consented: false, files: [] } },
      { type: "back" })[0];
    expect(back.screen).toBe("main");

    const plain = run(initialJourney(), { ...hosted, uploadFirst: undefined }, { type: "companyLoaded", company: COMPANY },
      { type: "landingAccepted" })[0];
    expect(plain.screen).toBe("main");
  });

  it("asks for the consent with the exact words, then checks files before sending them", () => {
    const [asked, loading] = transition(run(onPicker(), { type: "helpAsked" })[0], { type: "uploadAsked" });
    expect(asked.screen).toBe("upload");
    expect(kinds(loading)).toEqual(["loadUploads", "emit:uploadChosen", "emit:stepViewed", "focusHeading"]);

    const [agreeing, recording] = transition(onUpload(), { type: "uploadAgreed" });
    expect(agreeing.busy).toBe(true);
    expect(recording).toEqual([{ kind: "recordUploadConsent", text: uploadConsentText("Acme Bank") }]);
    const ready = run(agreeing, { type: "uploadConsentRecorded", connectionId: "up-1" })[0];
    expect(ready.upload?.consented).toBe(true);

    const [refused, none] = transition(ready, { type: "filesChosen", files: [file("a.exe", 10), file("b.pdf", 11 * 1024 * 1024),
      file("c.csv", 0)] });
    expect(none).toEqual([]);
    expect(refused.upload?.errors).toEqual(["You chose 3 files; upload at most 2 at a time.",
      "a.exe is not a PDF, CSV, OFX, XLSX, CAMT.053 file.", "b.pdf is 11 MB; each file can be at most 10 MB.", "c.csv is empty."]);
    expect(refused.announcement).toContain("a.exe");

    const ok = [file("statement.ofx", 100), file("accounts.pdf", 200)];
    const [sending, upload] = transition(refused, { type: "filesChosen", files: ok });
    expect(upload).toEqual([{ kind: "uploadFiles", files: ok }]);
    expect(sending.upload).toMatchObject({ errors: [], progress: 0 });
    expect(transition(sending, { type: "uploadDone" })[0]).toBe(sending);

    const stored = [{ id: "f1", fileName: "statement.ofx", kind: "OFX", size: 100, statementStatus: "Read" as const },
      { id: "f2", fileName: "accounts.pdf", kind: "PDF", size: 200 }];
    const uploaded = run(sending, { type: "uploadProgress", percent: 60 }, { type: "filesUploaded", files: stored })[0];
    expect(uploaded.upload).toMatchObject({ files: stored, progress: undefined });
    expect(uploaded.busy).toBe(false);

    const failed = run(uploaded, { type: "filesChosen", files: ok }, { type: "uploadFailed", message: "Too big" })[0];
    expect(failed.upload?.errors).toEqual(["Too big"]);

    const [main, done] = transition(failed, { type: "uploadDone" });
    expect(main.screen).toBe("main");
    expect(main.linked.accounting).toEqual([{ connectionId: "up-1", platformName: "Uploaded documents" }]);
    expect(kinds(done)).toContain("emit:uploaded");
  });

  it("back goes to the help screen, not while an upload is on its way", () => {
    expect(transition(onUpload(), { type: "back" })[0].screen).toBe("help");
    const busy = { ...onUpload(), busy: true };
    expect(transition(busy, { type: "back" })[0]).toBe(busy);
  });
});

describe("starting", () => {
  it("starts loading the company, or fails without a company id or token", () => {
    const [loading, effects] = transition(initialJourney(), { type: "start", options: OPTIONS, configured: true });
    expect(loading.screen).toBe("loading");
    expect(loading.steps.map((s) => [s.key, s.optional])).toEqual([["accounting", false], ["banking", true]]);
    expect(kinds(effects)).toEqual(["loadCompany", "focusHeading"]);

    const [fatal, failed] = transition(initialJourney(), { type: "start", options: {}, configured: false });
    expect(fatal.screen).toBe("fatal");
    expect(fatal.fatal).toEqual({ message: "Link needs a companyId and an accessToken.", userRecoverable: false });
    expect(failed).toEqual([{ kind: "onError", error: fatal.fatal }, { kind: "emit", event: "error", detail: fatal.fatal },
      ...shown("fatal")]);
  });

  it("new props start a new journey", () => {
    const [again] = transition(onResult("linked"), EVENTS.start);
    expect(again).toEqual(started());
  });

  it("with the company: opened, then the landing page, the additional consents or choose what to connect", () => {
    const [main, effects] = transition(started(), { type: "companyLoaded", company: COMPANY });
    expect(main.screen).toBe("main");
    expect(main.company).toBe(COMPANY);
    expect(effects).toEqual([{ kind: "emit", event: "opened", detail: {} }, ...shown("main")]);
    expect(ON.landing().screen).toBe("landing");

    const [loading, asking] = transition(started({ ...OPTIONS, enableAdditionalConsent: true }),
      { type: "companyLoaded", company: COMPANY });
    expect(loading.screen).toBe("loading");
    expect(kinds(asking)).toEqual(["emit:opened", "loadPending"]);
  });

  it("a refused token is fatal, with the error for onError and the funnel", () => {
    const error = { correlationId: "corr-1", message: "Token expired", errorCode: 401, userRecoverable: false };
    const [fatal, effects] = transition(started(), { type: "companyFailed", error });
    expect(fatal).toMatchObject({ screen: "fatal", fatal: error });
    expect(kinds(effects)).toEqual(["onError", "emit:error", "emit:stepViewed", "focusHeading"]);
  });

  it("keeps only the pending consents of the journey's source types, and asks for them after the landing page", () => {
    const other = { ...LENDING, sourceType: "Commerce", connectionId: "x1" };
    const [additional] = transition(run(started({ ...OPTIONS, enableAdditionalConsent: true }),
      { type: "companyLoaded", company: COMPANY })[0], { type: "pendingLoaded", pending: [LENDING, other, LENDING] });
    expect(additional.screen).toBe("additional");
    expect(additional.pending).toEqual([LENDING]);

    const landing = run(started({ ...OPTIONS, enableAdditionalConsent: true, showLandingPage: true }),
      { type: "companyLoaded", company: COMPANY }, { type: "pendingLoaded", pending: [LENDING] })[0];
    expect(landing.screen).toBe("landing");
    expect(transition(landing, { type: "landingAccepted" })[0].screen).toBe("additional");
    const none = run(started({ ...OPTIONS, enableAdditionalConsent: true }), { type: "companyLoaded", company: COMPANY },
      { type: "pendingLoaded", pending: [] })[0];
    expect(none.screen).toBe("main");
  });
});

describe("same-tab return", () => {
  it("back from the platform in the same tab: waits on the saved connection with what was linked before", () => {
    const [, effects] = transition(onConsent(), { type: "connectionStarted", connection: PENDING, text: "t", popup: false });
    const leave = effects.find((e) => e.kind === "leaveForPlatform") as Extract<Effect, { kind: "leaveForPlatform" }>;
    const saved: Suspended = JSON.parse(JSON.stringify(leave.saved));

    const [waiting, resumed] = transition(started(), { type: "companyLoaded", company: COMPANY, suspended: saved });
    expect(waiting).toMatchObject({ screen: "waiting", announcement: "Checking Sandbox Accounting", connection: PENDING,
      integration: SBAC });
    expect(waiting.step?.key).toBe("accounting");
    expect(resumed).toEqual([{ kind: "emit", event: "opened", detail: {} },
      { kind: "watch", connectionId: "conn-1", baseline: 2 }, ...shown("waiting")]);
  });

  it.each([
    ["a source type this journey does not show", { step: "commerce" }],
    ["no connection", { connection: undefined }],
    ["no platform", { integration: undefined }],
    ["no list of what was linked", { linked: undefined }],
  ])("ignores a saved journey with %s", (_what, change) => {
    const saved = { linked: [], step: "accounting", integration: SBAC, connection: PENDING, baseline: 0, ...change } as Suspended;
    const [main] = transition(started(), { type: "companyLoaded", company: COMPANY, suspended: saved });
    expect(main.screen).toBe("main");
  });
});

describe("additional consent", () => {
  it("records the product's consent with the text shown, then counts the card as connected", () => {
    const state = onAdditional();
    const [same, effects] = transition(state, { type: "additionalAgreed" });
    expect(same).toBe(state);
    expect(effects).toHaveLength(1);
    const record = effects[0] as Extract<Effect, { kind: "recordAdditional" }>;
    expect(record.pending).toBe(LENDING);
    expect(record.text).toMatch(/^Share Sandbox Banking for Lending\n\nYou're already connected to Sandbox Banking\. Acme Bank/);

    const [main, recorded] = transition(state, { type: "additionalRecorded", pending: LENDING, text: record.text });
    expect(main).toMatchObject({ screen: "main", pending: [], announcement: "Sandbox Banking is shared for Lending" });
    expect(main.linked).toEqual({ banking: [{ connectionId: "b1", platformName: "Sandbox Banking" }] });
    expect(recorded).toEqual([{ kind: "onConsent", text: record.text },
      { kind: "emit", event: "consentGiven", detail: { connectionId: "b1", productIdentifier: "lending" } },
      ...shown("main")]);
    expect(connectedCount(main)).toBe(1);
  });

  it("a second product on the same connection adds no second card entry, and is asked next", () => {
    const second = { ...LENDING, productIdentifier: "onboarding", productName: "Onboarding" };
    const state = run(started({ ...OPTIONS, enableAdditionalConsent: true }), { type: "companyLoaded", company: COMPANY },
      { type: "pendingLoaded", pending: [LENDING, second] })[0];
    const [next] = transition(state, { type: "additionalRecorded", pending: LENDING, text: "t" });
    expect(next).toMatchObject({ screen: "additional", pending: [second] });
    const [main] = transition(next, { type: "additionalRecorded", pending: second, text: "t" });
    expect(main.linked.banking).toHaveLength(1);
    expect(main.screen).toBe("main");
  });

  it("Not now skips the product without a record", () => {
    const [main, effects] = transition(onAdditional(), { type: "additionalSkipped" });
    expect(main).toMatchObject({ screen: "main", pending: [], linked: {} });
    expect(effects).toEqual(shown("main"));
  });
});

describe("choosing a source type and a platform", () => {
  it("opens the picker fresh and loads the type's platforms", () => {
    const withNotice = { ...onMain({ ...OPTIONS, showSandboxIntegrations: false, sourceTypes: { banking: { optional: false,
      enableIntegrations: true, allowedIntegrations: ["sbbk"] } } }), search: "old", notice: "old", integrations: [XERO] };
    const [picker, effects] = transition(withNotice, { type: "sourceTypeChosen", key: "banking" });
    expect(picker).toMatchObject({ screen: "picker", search: "", notice: "", integrations: [] });
    expect(picker.step?.key).toBe("banking");
    expect(effects).toEqual([{ kind: "emit", event: "sourceTypeChosen", detail: { sourceType: "Banking" } },
      { kind: "loadIntegrations", key: "banking", sourceType: "Banking", showSandbox: false, allowed: ["sbbk"] },
      ...shown("picker")]);
    const [, defaults] = transition(onMain(), { type: "sourceTypeChosen", key: "accounting" });
    expect(defaults[1]).toEqual({ kind: "loadIntegrations", key: "accounting", sourceType: "Accounting", showSandbox: true,
      allowed: undefined });
  });

  it("ignores a source type the journey does not show", () => {
    const main = onMain();
    expect(transition(main, { type: "sourceTypeChosen", key: "commerce" })).toEqual([main, []]);
  });

  it("shows the platforms of the type chosen last only", () => {
    const picker = run(onMain(), { type: "sourceTypeChosen", key: "accounting" })[0];
    const [stale] = transition(picker, { type: "integrationsLoaded", key: "banking", integrations: [XERO] });
    expect(stale).toBe(picker);
    expect(transition(picker, { type: "integrationsLoaded", key: "accounting", integrations: [XERO] })[0].integrations)
      .toEqual([XERO]);
  });

  it("searches by name, ignoring case and spaces around the term", () => {
    const [searched, effects] = transition(onPicker(), { type: "searched", text: "  XE " });
    expect(effects).toEqual([]);
    expect(shownIntegrations(searched)).toEqual([XERO]);
    expect(shownIntegrations({ ...searched, search: "" })).toEqual([SBAC, XERO]);
  });

  it("a platform: the funnel event, then its consent texts", () => {
    const [picker, effects] = transition(onPicker(), { type: "platformChosen", integration: SBAC });
    expect(picker).toMatchObject({ screen: "picker", integration: SBAC });
    expect(effects).toEqual([{ kind: "emit", event: "platformChosen", detail: { integrationKey: "sbac" } },
      { kind: "loadConsentTexts", sourceType: "Accounting", platformKey: "sbac" }]);
  });

  it("the consent screen with the products' texts, the built-in wording on 404, an error otherwise", () => {
    const chosen = run(onPicker(), { type: "platformChosen", integration: SBAC })[0];
    const [consent] = transition(chosen, { type: "consentTextsLoaded", platformKey: "sbac", texts: [ONBOARDING_TEXT] });
    expect(consent).toMatchObject({ screen: "consent", productTexts: [ONBOARDING_TEXT] });
    expect(transition(chosen, { type: "consentTextsLoaded", platformKey: "xero", texts: [] })[0]).toBe(chosen);

    const [builtIn] = transition({ ...chosen, productTexts: [ONBOARDING_TEXT] },
      { type: "consentTextsFailed", platformKey: "sbac", error: { errorCode: 404, userRecoverable: false } });
    expect(builtIn).toMatchObject({ screen: "consent", productTexts: [] });

    const error = { correlationId: "corr-2", message: "Down", errorCode: 503, userRecoverable: true };
    const [failed, effects] = transition(chosen, { type: "consentTextsFailed", platformKey: "sbac", error });
    expect(failed).toMatchObject({ screen: "result", announcement: "Something went wrong", outcome: { kind: "error",
      platformName: "Sandbox Accounting", message: "Down", correlationId: "corr-2" } });
    expect(kinds(effects)).toEqual(["onError", "emit:error", "emit:stepViewed", "focusHeading"]);
    expect(transition(chosen, { type: "consentTextsFailed", platformKey: "xero", error })[0]).toBe(chosen);
  });

  it("back: consent to picker, picker to choose what to connect", () => {
    const [picker] = transition(onConsent(), { type: "back" });
    expect(picker.screen).toBe("picker");
    expect(picker.integrations).toEqual([SBAC, XERO]);
    expect(transition(picker, { type: "back" })[0].screen).toBe("main");
  });
});

describe("agreeing and the platform window", () => {
  it("opens the window first, inside the click, then creates the connection with the text shown", () => {
    const consent = onConsent();
    const [busy, effects] = transition(consent, { type: "agreed" });
    expect(busy).toEqual({ ...consent, busy: true });
    const text = consentText(consent);
    expect(text).toMatch(/^Connect Sandbox Accounting\n\n/);
    expect(effects).toEqual([{ kind: "openWindow" }, { kind: "startConnection", platformKey: "sbac",
      sourceType: "Accounting", text, records: [{ text }] }]);
    // a second click while the first is on its way does nothing
    expect(transition(busy, { type: "agreed" })).toEqual([busy, []]);
  });

  it("with product texts: one record per product under its own version, each with the whole text", () => {
    const consent = onConsent([ONBOARDING_TEXT, LENDING_TEXT]);
    const [, effects] = transition(consent, { type: "agreed" });
    const text = consentText(consent);
    expect(text).toContain(ONBOARDING_TEXT.text);
    expect((effects[1] as Extract<Effect, { kind: "startConnection" }>).records).toEqual([
      { productIdentifier: "onboarding", textVersion: "v1", locale: "en-GB", text },
      { productIdentifier: "lending", textVersion: "v7", locale: undefined, text }]);
  });

  it("started with the window open: callbacks, the platform in the window, then waiting", () => {
    const [waiting, effects] = transition(onConsent(), { type: "connectionStarted", connection: PENDING, text: "shown",
      popup: true });
    expect(waiting).toMatchObject({ screen: "waiting", connection: PENDING, announcement: "Waiting for Sandbox Accounting" });
    expect(effects).toEqual([
      { kind: "onConsent", text: "shown" },
      { kind: "emit", event: "consentGiven", detail: { connectionId: "conn-1" } },
      { kind: "onConnectionStarted", args: { connectionId: "conn-1", integrationId: "i1", integrationKey: "sbac",
        platformName: "Sandbox Accounting", sourceId: "s1", sourceType: "Accounting" } },
      { kind: "navigateWindow", url: PENDING.linkUrl },
      { kind: "emit", event: "popupOpened", detail: {} },
      { kind: "watch", connectionId: "conn-1", baseline: 2 },
      ...shown("waiting")]);
  });

  it("started without a window (blocked or a small screen): this tab leaves with the journey saved", () => {
    const consent = { ...onConsent(), linked: { banking: [{ connectionId: "b1", platformName: "Sandbox Banking" }] } };
    const [state, effects] = transition(consent, { type: "connectionStarted", connection: PENDING, text: "shown", popup: false });
    expect(state.screen).toBe("consent");
    expect(kinds(effects)).toEqual(["onConsent", "emit:consentGiven", "onConnectionStarted", "emit:popupClosed",
      "leaveForPlatform"]);
    expect(effects[3]).toEqual({ kind: "emit", event: "popupClosed", detail: { reason: "blocked" } });
    expect(effects[4]).toEqual({ kind: "leaveForPlatform", url: PENDING.linkUrl, saved: { linked: [["banking",
      [{ connectionId: "b1", platformName: "Sandbox Banking" }]]], step: "accounting", integration: SBAC, connection: PENDING,
    baseline: 2 } });
  });

  it("a failed start closes the window and shows the error", () => {
    const error = { correlationId: "corr-3", message: "No", errorCode: 400, userRecoverable: false };
    const [result, effects] = transition(onConsent(), { type: "connectionFailed", error });
    expect(result.outcome).toEqual({ kind: "error", platformName: "Sandbox Accounting", message: "No", correlationId: "corr-3" });
    expect(effects).toEqual([{ kind: "closeWindow" }, { kind: "onError", error },
      { kind: "emit", event: "error", detail: error }, ...shown("result")]);
    expect(kinds(transition(onMain(), { type: "requestFailed", error })[1])).toEqual(["onError", "emit:error",
      "emit:stepViewed", "focusHeading"]);
  });

  it("linked: closes the window, adds the card's connection with the platform's logo, onConnection", () => {
    const [result, effects] = transition(onWaiting(), { type: "watched", outcome: { kind: "linked", connection: LINKED } });
    expect(result).toMatchObject({ screen: "result", announcement: "Connected to Sandbox Accounting",
      outcome: { kind: "connected", platformName: "Sandbox Accounting", organisationName: "Sandbox Trading Ltd" } });
    expect(result.linked.accounting).toEqual([{ connectionId: "conn-1", platformName: "Sandbox Accounting",
      organisationName: "Sandbox Trading Ltd", logoUrl: SBAC.logoUrl }]);
    expect(kinds(effects)).toEqual(["closeWindow", "onConnection", "emit:connected", "emit:stepViewed", "focusHeading"]);
    expect(requiredDone(result)).toBe(true);
  });

  it("denied at the platform: Not connected, no onError; another failure: onError with the connection as reference", () => {
    const denied = onResult("cancelled");
    expect(denied).toMatchObject({ announcement: "Not connected", outcome: { kind: "cancelled", correlationId: undefined } });
    const [, deniedEffects] = transition(onWaiting(), { type: "watched", outcome: { kind: "failed", cancelled: true,
      connection: { ...PENDING, errorCount: 3 } } });
    expect(kinds(deniedEffects)).toEqual(["closeWindow", "emit:cancelled", "emit:stepViewed", "focusHeading"]);

    const failed = { ...PENDING, errorCount: 3, lastError: { statusCode: "500", errorMessage: "Platform unavailable." } };
    const [error, effects] = transition(onWaiting(), { type: "watched", outcome: { kind: "failed", connection: failed,
      cancelled: false } });
    expect(error).toMatchObject({ announcement: "Something went wrong", outcome: { kind: "error",
      message: "Platform unavailable.", correlationId: "conn-1" } });
    expect(effects).toEqual([{ kind: "closeWindow" }, { kind: "emit", event: "error", detail: { connectionId: "conn-1" } },
      { kind: "onError", error: { message: "Platform unavailable.", correlationId: "conn-1", errorCode: 500,
        userRecoverable: true } }, ...shown("result")]);
  });

  it("window closed without a result: back to the picker with a notice; unreachable: the error", () => {
    const [picker, effects] = transition(onWaiting(), { type: "watched", outcome: { kind: "closed" } });
    // the notice is an alert: the live region stays quiet, so it is read out once
    expect(picker).toMatchObject({ screen: "picker", notice: "Not connected — try again.", announcement: "" });
    expect(effects).toEqual([{ kind: "emit", event: "popupClosed", detail: { reason: "closed" } }, ...shown("picker")]);
    const [chosen] = transition(picker, { type: "platformChosen", integration: SBAC });
    expect(chosen.notice).toBe("Not connected — try again.");

    const error = { message: "We could not reach the server.", userRecoverable: true };
    const [result, failed] = transition(onWaiting(), { type: "watched", outcome: { kind: "unreachable", error } });
    expect(result.screen).toBe("result");
    expect(kinds(failed)).toEqual(["onError", "emit:error", "emit:stepViewed", "focusHeading"]);
  });

  it("reopens the platform's window on the connection's link", () => {
    expect(transition(onWaiting(), { type: "reopen" })[1]).toEqual([{ kind: "reopenWindow", url: PENDING.linkUrl }]);
    const noConnection = { ...onWaiting(), connection: undefined };
    expect(transition(noConnection, { type: "reopen" })).toEqual([noConnection, []]);
  });
});

describe("results and finishing", () => {
  it("continue and back to your accounts go to choose what to connect; try again only after a denial", () => {
    expect(transition(onResult("linked"), { type: "toAccounts" })[0].screen).toBe("main");
    expect(transition(onResult("error"), { type: "toAccounts" })[0].screen).toBe("main");
    expect(transition(onResult("cancelled"), { type: "retry" })[0].screen).toBe("consent");
    const error = onResult("error");
    expect(transition(error, { type: "retry" })).toEqual([error, []]);
  });

  it("completes only with every required source type connected", () => {
    const main = onMain();
    expect(requiredDone(main)).toBe(false);
    expect(transition(main, { type: "completed" })).toEqual([main, []]);
    const [finish, effects] = transition(run(onResult("linked"), { type: "toAccounts" })[0], { type: "completed" });
    expect(finish.screen).toBe("finish");
    expect(effects).toEqual([{ kind: "emit", event: "finished", detail: {} }, ...shown("finish")]);
    expect(transition(finish, { type: "done" })).toEqual([finish, [{ kind: "onFinish" }]]);
  });

  it("a whole journey emits the funnel in order", () => {
    const events: string[] = [];
    let state = initialJourney();
    for (const event of [EVENTS.start, EVENTS.companyLoaded, { type: "sourceTypeChosen", key: "accounting" },
      { type: "integrationsLoaded", key: "accounting", integrations: [SBAC] }, { type: "platformChosen", integration: SBAC },
      { type: "consentTextsLoaded", platformKey: "sbac", texts: [] }, { type: "agreed" },
      { type: "connectionStarted", connection: PENDING, text: "t", popup: true },
      { type: "watched", outcome: { kind: "linked", connection: LINKED } }, { type: "toAccounts" }, { type: "completed" },
      { type: "done" }] as JourneyEvent[]) {
      const [next, effects] = transition(state, event);
      state = next;
      events.push(...kinds(effects).filter((k) => k !== "emit:stepViewed" && (k.startsWith("emit:") || k.startsWith("on"))));
    }
    expect(events).toEqual(["emit:opened", "emit:sourceTypeChosen", "emit:platformChosen", "onConsent", "emit:consentGiven",
      "onConnectionStarted", "emit:popupOpened", "onConnection", "emit:connected", "emit:finished", "onFinish"]);
  });
});

describe("closing", () => {
  it("asks first; Stay keeps everything, Leave stops watching, closes the window and calls onClose", () => {
    const waiting = onWaiting();
    const [asking, none] = transition(waiting, { type: "closeAsked" });
    expect(asking).toEqual({ ...waiting, confirmingClose: true });
    expect(none).toEqual([]);
    expect(transition(asking, { type: "closeAnswered", confirmed: false })).toEqual([{ ...waiting, confirmingClose: false }, []]);
    const [left, effects] = transition(asking, { type: "closeAnswered", confirmed: true });
    expect(left.screen).toBe("waiting");
    expect(effects).toEqual([{ kind: "stopWatching" }, { kind: "closeWindow" }, { kind: "emit", event: "closed", detail: {} },
      { kind: "onClose" }]);
    expect(transition(waiting, { type: "closeAnswered", confirmed: true })).toEqual([waiting, []]);
  });
});

describe("Hosted Link", () => {
  const PREVIEW: LinkCompany = { companyId: "c1", companyName: "", lender: { name: "Acme Bank" } };

  it("a one-time link: the landing first, nothing spent until Get started, which redeems it and moves on", () => {
    const [landing, opened] = transition(initialJourney(), { type: "start", options: { showLandingPage: true },
      configured: false, hosted: true, redeem: true, preview: PREVIEW });
    expect(landing).toMatchObject({ screen: "landing", redeeming: true, company: PREVIEW, busy: false });
    expect(opened).toEqual([{ kind: "emit", event: "opened", detail: {} }, ...shown("landing")]);

    const [redeeming, redeem] = transition(landing, { type: "landingAccepted" });
    expect(redeeming).toMatchObject({ screen: "landing", busy: true, landingDone: true });
    expect(redeem).toEqual([{ kind: "redeem" }]);
    expect(transition(redeeming, { type: "landingAccepted" })).toEqual([redeeming, []]);

    const [loading, load] = transition(redeeming, { type: "redeemed" });
    expect(loading).toMatchObject({ screen: "landing", redeeming: false });
    expect(load).toEqual([{ kind: "loadCompany" }]);
    const [main, effects] = transition(loading, { type: "companyLoaded", company: COMPANY });
    expect(main.screen).toBe("main");
    expect(main.company).toBe(COMPANY);
    // opened was counted on the landing page already
    expect(effects).toEqual(shown("main"));
  });

  it("a link already used: the server's reason on the fatal screen", () => {
    const landing = run(initialJourney(), { type: "start", options: { showLandingPage: true }, configured: false,
      hosted: true, redeem: true, preview: PREVIEW }, { type: "landingAccepted" })[0];
    const error = { message: "This link has already been used.", errorCode: 410, userRecoverable: false };
    const [fatal] = transition(landing, { type: "redeemFailed", error });
    expect(fatal).toMatchObject({ screen: "fatal", fatal: error, fatalTitle: undefined });
  });

  it("the bare page of a protected Hosted Link in a tab without its token: open the link you were sent", () => {
    const [fatal] = transition(initialJourney(), { type: "start", options: {}, configured: false, hosted: true,
      preview: PREVIEW });
    expect(fatal).toMatchObject({ screen: "fatal", fatalTitle: "Open the link you were sent" });
    expect(fatal.fatal?.message).toBe("This page only opens from the personal link Acme Bank sent you. If it has"
      + " expired, ask Acme Bank for a new one.");
  });

  it("Done goes back to the lender's address, or says the window can be closed", () => {
    const finish = (company: LinkCompany) => run(hostedStarted(), { type: "companyLoaded", company },
      { type: "sourceTypeChosen", key: "accounting" }, { type: "integrationsLoaded", key: "accounting", integrations: [SBAC] },
      { type: "platformChosen", integration: SBAC }, { type: "consentTextsLoaded", platformKey: "sbac", texts: [] },
      { type: "connectionStarted", connection: PENDING, text: "t", popup: true },
      { type: "watched", outcome: { kind: "linked", connection: LINKED } }, { type: "toAccounts" }, { type: "completed" })[0];
    const withAddress = finish({ ...COMPANY, returnUrl: "https://acme.example/back?company=c1" });
    const [leaving, effects] = transition(withAddress, { type: "done" });
    expect(effects).toEqual([{ kind: "goTo", url: "https://acme.example/back?company=c1" }]);
    expect(leaving.busy).toBe(true);

    const [done, closing] = transition(finish(COMPANY), { type: "done" });
    expect(done.screen).toBe("done");
    expect(closing).toEqual(shown("done"));
    // embedded, Done is the lender's onFinish
    expect(transition(onFinish(), { type: "done" })[1]).toEqual([{ kind: "onFinish" }]);
  });
});

describe("small screens", () => {
  it("sign in in this tab: no popup is opened, and the consent says where the customer goes", () => {
    const desktop = onConsent();
    expect(consentText(desktop)).toContain("You'll sign in at Sandbox Accounting in a new window and come back here.");
    const [phone] = transition(desktop, { type: "layoutChanged", sameTab: true });
    expect(phone.sameTab).toBe(true);
    const text = consentText(phone);
    expect(text).toContain("You'll go to Sandbox Accounting to sign in, then come back here.");
    expect(text).not.toContain("new window");
    const [, effects] = transition(phone, { type: "agreed" });
    expect(kinds(effects)).toEqual(["startConnection"]);
    expect((effects[0] as Extract<Effect, { kind: "startConnection" }>).text).toBe(text);
    expect(transition(phone, { type: "layoutChanged", sameTab: true })).toEqual([phone, []]);
  });
});

describe("the consent screen's words", () => {
  it("leads with a summary and the details' label, then every section, terms, the privacy policy and the next step", () => {
    const state = { ...onConsent(), company: { ...COMPANY, lender: { name: "Acme Bank",
      privacyPolicyUrl: "https://acme.example/privacy" } } };
    const parts = consentText(state).split("\n\n");
    expect(parts.slice(0, 4)).toEqual(["Connect Sandbox Accounting",
      "Acme Bank is asking for read-only access to your Sandbox Accounting data.",
      "- What: your invoices and bank accounts.\n- Read-only: Acme Bank can't change anything or move money.\n"
        + "- You can disconnect at any time.",
      "See everything that's shared, why and for how long"]);
    expect(parts.slice(4, 9).map((p) => p.split("\n")[0])).toEqual(["Purpose", "Access", "Account information",
      "Platform data", "Retention"]);
    expect(parts[7]).toBe("Platform data\n- Invoices\n- Bank accounts");
    expect(parts.slice(9)).toEqual(["Your data is not shared with third parties without your consent.",
      "[Read Acme Bank's privacy policy](https://acme.example/privacy)",
      "You'll sign in at Sandbox Accounting in a new window and come back here."]);
  });

  it("a long list is summed up: three data types and how many more", () => {
    const many = { ...SBAC, dataTypes: ["company", "chartOfAccounts", "customers", "suppliers", "invoices"] };
    const state = run(onPicker(), { type: "platformChosen", integration: many },
      { type: "consentTextsLoaded", platformKey: "sbac", texts: [] })[0];
    expect(consentText(state)).toContain("- What: your company information, chart of accounts, customers and 2 more.");
  });

  it("an unnamed lender is 'your lender', with a capital where a sentence starts", () => {
    const unnamed = { ...onConsent(), company: { ...COMPANY, lender: {} } };
    const text = consentText(unnamed);
    expect(text).toContain("Your lender is asking for read-only access");
    expect(text).toContain("Purpose\nYour lender uses this data");
    expect(text).toContain("Read-only: your lender can't change anything");
    expect(text).not.toContain("Bridgekeeper");
  });
});

describe("can't find your platform", () => {
  it("the help screen, counted for the funnel, and back to the list", () => {
    const [help, effects] = transition(onPicker(), { type: "helpAsked" });
    expect(help.screen).toBe("help");
    expect(effects).toEqual([{ kind: "emit", event: "platformMissing", detail: { sourceType: "Accounting" } },
      ...shown("help")]);
    const [picker] = transition(help, { type: "back" });
    expect(picker.screen).toBe("picker");
    expect(picker.integrations).toEqual([SBAC, XERO]);
  });
});

describe("funnel steps", () => {
  it("every new screen emits its step once, in the journey's order", () => {
    const steps: string[] = [];
    let state = initialJourney();
    for (const event of [{ ...EVENTS.start, options: { ...OPTIONS, showLandingPage: true } }, EVENTS.companyLoaded,
      { type: "landingAccepted" }, { type: "sourceTypeChosen", key: "accounting" },
      { type: "integrationsLoaded", key: "accounting", integrations: [SBAC] }, { type: "searched", text: "s" },
      { type: "platformChosen", integration: SBAC }, { type: "consentTextsLoaded", platformKey: "sbac", texts: [] },
      { type: "agreed" }, { type: "connectionStarted", connection: PENDING, text: "t", popup: true },
      { type: "watched", outcome: { kind: "linked", connection: LINKED } }, { type: "toAccounts" },
      { type: "completed" }] as JourneyEvent[]) {
      const [next, effects] = transition(state, event);
      state = next;
      for (const e of effects) {
        if (e.kind === "emit" && e.event === "stepViewed") {
          steps.push(String(e.detail.step));
        }
      }
    }
    expect(steps).toEqual(["landing", "main", "picker", "consent", "waiting", "result", "main", "finish"]);
  });
});
