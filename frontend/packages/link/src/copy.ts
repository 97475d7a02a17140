// Every fixed word of the journey, in one place: the screens show these, and the consent records store the
// consent screens' words from here too, so what is shown and what is recorded cannot drift apart. The texts a
// lender can override ({companyName}, Markdown) are options.ts's DEFAULT_TEXT; wording that reads the journey's
// state (lender, platform, the consent text) is at the end of this file.

import type { JourneyState } from "./state.js";
import { dataTypesFor, textFor } from "./options.js";
import { productConsentText } from "./product-texts.js";
import { interpolate, listText, plainDataType } from "./text.js";

export const copy = {
  loading: "Loading…",
  fatalTitle: "We can't start right now",
  reference: (id: string) => `Reference: ${id}`,
  supportReference: "Reference for support: ",
  close: "Close",
  secured: "Secured by Bridgekeeper",
  needsSetup: "Link needs a companyId and an accessToken.",
  linkNeededTitle: "Open the link you were sent",
  linkNeeded: (lender: string) => `This page only opens from the personal link ${lender} sent you. If it has expired,`
    + ` ask ${lender} for a new one.`,
  yourLender: "your lender",
  // every screen
  needHelp: "Need help?",
  contact: (lender: string) => `Contact ${lender}`,
  // choose what to connect
  progress: (connected: number, total: number) => `${connected} of ${total} connected`,
  cardConnected: (platforms: string[], more: boolean) => `✓ Connected: ${platforms.join(", ")}${more ? " · add another" : ""}`,
  optional: "Optional",
  required: "Required",
  complete: "Complete",
  requiredFirst: "Connect the required ones to continue.",
  // pick your platform
  back: "← Back",
  pickTitle: (label: string) => `Pick your ${label.toLowerCase()} platform`,
  search: "Search",
  searchExample: "e.g. Xero",
  noMatch: (term: string) => `No platform matches “${term}”.`,
  cantFind: "Can't find yours?",
  // can't find your platform
  helpTitle: (label: string) => `Can't find your ${label.toLowerCase()} platform?`,
  helpTell: (lender: string, label: string) => `Tell ${lender} which ${label.toLowerCase()} software you use. They can`
    + " add it, or find another way to get what they need.",
  helpEmail: (lender: string) => `Email ${lender}`,
  helpSubject: (label: string) => `My ${label.toLowerCase()} platform isn't listed`,
  helpNoContact: (lender: string) => `Contact ${lender} the way you usually do and tell them which platform you use.`,
  backToList: "Back to the list",
  // upload documents instead
  uploadInstead: "Upload documents instead",
  uploadOffer: "Or upload bank statements and accounts yourself.",
  uploadTitle: "Upload documents",
  uploadLoading: "Loading…",
  uploadAgree: "Agree and choose files",
  uploadDrop: "Drag files here, or",
  uploadChoose: "Choose files",
  uploadReady: "You can now choose files to upload.",
  uploading: "Uploading…",
  uploaded: (n: number) => `${n} ${n === 1 ? "file" : "files"} uploaded.`,
  uploadedList: "Uploaded",
  uploadedDocuments: "Uploaded documents",
  uploadsShared: "Your documents were shared.",
  uploadProblems: "These files were not uploaded",
  // consent: the section titles are part of the recorded text
  purpose: "Purpose",
  access: "Access",
  accountInformation: "Account information",
  platformData: "Platform data",
  retention: "Retention",
  summaryData: (types: string[], more: number) =>
    `What: your ${more ? `${types.join(", ")} and ${more} more` : listText(types)}.`,
  summaryAccess: (lender: string) => `Read-only: ${lender} can't change anything or move money.`,
  summaryDisconnect: "You can disconnect at any time.",
  details: "See everything that's shared, why and for how long",
  privacy: (lender: string) => `Read ${lender}'s privacy policy`,
  nextStep: (platform: string) => `You'll sign in at ${platform} in a new window and come back here.`,
  nextStepTab: (platform: string) => `You'll go to ${platform} to sign in, then come back here.`,
  // additional consent on a connection the customer already has
  shareTitle: (platform: string, product: string) => `Share ${platform} for ${product}`,
  alreadyConnected: (platform: string, lender: string, product: string) =>
    `You're already connected to ${platform}. ${lender} asks to use it for ${product} too.`,
  noSignIn: (product: string) => `No need to sign in again. You can stop sharing for ${product} at any time.`,
  agreeAndShare: "Agree and share",
  notNow: "Not now",
  shared: (platform: string, product: string) => `${platform} is shared for ${product}`,
  // at the platform
  waitingTitle: (platform: string) => `Waiting for ${platform}…`,
  waitingAnnouncement: (platform: string) => `Waiting for ${platform}`,
  checking: (platform: string) => `Checking ${platform}`,
  signInThere: (platform: string) => `Sign in and allow access in the ${platform} window.`,
  reopen: (platform: string) => `Reopen the ${platform} window`,
  closedNotice: "Not connected — try again.",
  // result
  connectedTitle: "Connected",
  connectedAnnouncement: (platform: string) => `Connected to ${platform}`,
  continue: "Continue",
  notConnected: "Not connected",
  deniedAccess: (platform: string) => `You didn't allow access to ${platform}, so nothing was shared.`,
  tryAgain: "Try again",
  backToAccounts: "Back to your accounts",
  wentWrong: "Something went wrong",
  couldNotConnect: "We could not connect.",
  // finish
  allSet: "You're all set",
  finishedItem: (label: string, platform: string, organisation?: string) =>
    `${label}: ${platform}${organisation ? ` — ${organisation}` : ""}`,
  fetching: (lender: string) =>
    `${lender} is now fetching your data. You can manage your connections from your account at any time.`,
  done: "Done",
  // Hosted Link after Done, when the lender gave no address to go back to
  closeTitle: "You can close this window",
  closeNow: (lender: string) => `You've finished connecting your accounts. ${lender} will be in touch.`,
  // leaving
  leaveTitle: "Leave without finishing?",
  leaveKeeps: "Anything you've connected so far stays connected.",
  leave: "Leave",
  stay: "Stay",
} as const;

// ---- wording that reads the journey's state ------------------------------------------------------------

/** The lender as the customer should read it: the text option, else the profile's name, else "your lender". */
export function lenderName(state: JourneyState): string {
  return namedLender(state) ?? copy.yourLender;
}

/** The same at the start of a sentence. */
export function lenderAtStart(state: JourneyState): string {
  return capitalise(lenderName(state));
}

function namedLender(state: JourneyState): string | undefined {
  const option = state.options.text?.companyName as string | undefined;
  return option?.trim() || state.company?.lender.name?.trim() || undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function vars(state: JourneyState): Record<string, string | undefined> {
  // on the additional-consent screen the platform is the one already connected
  const platformName = state.screen === "additional" ? state.pending[0]?.platformName : state.integration?.name;
  return { companyName: lenderName(state), platformName };
}

/** A lender-overridable text for the current source type, placeholders filled. */
export function journeyText(state: JourneyState, key: string): string {
  const text = interpolate(textFor(state.options, key, state.step?.key), vars(state));
  // "your lender" standing in for an unnamed lender starts a sentence with a capital, as a name would
  return namedLender(state) ? text : text.replace(/(^|[.!?:]\**\s+|\n\s*(?:[-*]\s+)?)your lender/g,
    (_, before: string) => `${before}Your lender`);
}

export function nextStepText(state: JourneyState): string {
  const platform = state.integration?.name ?? "";
  return state.sameTab ? copy.nextStepTab(platform) : copy.nextStep(platform);
}

/** The data types the built-in consent screen lists, in plain words. */
export function consentDataTypes(state: JourneyState): string[] {
  return dataTypesFor(state.options, state.step!, state.integration?.dataTypes ?? []).map(plainDataType);
}

/** The short summary the consent screen leads with; its detail is behind "See everything…". */
export function consentSummary(state: JourneyState): string[] {
  const types = state.productTexts.length
    ? [...new Set(state.productTexts.flatMap((t) => t.dataTypes).map(plainDataType))] : consentDataTypes(state);
  const shown = types.slice(0, 3);
  return [
    copy.summaryData(shown, types.length - shown.length),
    copy.summaryAccess(lenderName(state)),
    copy.summaryDisconnect,
  ];
}

/** The lender's privacy policy as a Markdown link, when the profile has one. */
export function privacyText(state: JourneyState): string {
  const url = state.company?.lender.privacyPolicyUrl;
  return url ? `[${copy.privacy(lenderName(state))}](${url})` : "";
}

/** The consent exactly as shown, expanded or not: every section's text after interpolation, in screen order. */
export function consentText(state: JourneyState): string {
  const text = (key: string) => journeyText(state, key);
  const lead = [text("consents.title"), text("consents.subtitle"), consentSummary(state).map((l) => `- ${l}`).join("\n"),
    copy.details];
  const close = [text("consents.termsAndConditions"), privacyText(state), nextStepText(state)];
  if (state.productTexts.length) {
    return productConsentText(lead, state.productTexts, close);
  }
  return [
    ...lead,
    `${copy.purpose}\n${text("consents.purpose")}`,
    `${copy.access}\n${text("consents.access")}`,
    `${copy.accountInformation}\n${text("consents.accountInformation")}`,
    `${copy.platformData}\n${consentDataTypes(state).map((d) => `- ${capitalise(d)}`).join("\n")}`,
    `${copy.retention}\n${text("consents.retention")}`,
    ...close,
  ].filter((part) => part.length > 0).join("\n\n");
}
