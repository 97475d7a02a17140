// Every fixed word of the journey, in one place: the screens show these, and the consent records store the
// consent screens' words from here too, so what is shown and what is recorded cannot drift apart. The texts a
// lender can override ({companyName}, Markdown) are options.ts's DEFAULT_TEXT; wording that reads the journey's
// state (lender, platform, the consent text) is at the end of this file.

import type { JourneyState } from "./journey.js";
import { dataTypesFor, textFor } from "./options.js";
import { productConsentText } from "./product-texts.js";
import { interpolate, plainDataType } from "./text.js";

export const copy = {
  loading: "Loading…",
  fatalTitle: "We can't start right now",
  reference: (id: string) => `Reference: ${id}`,
  supportReference: "Reference for support: ",
  close: "Close",
  secured: "Secured by Bridgekeeper",
  needsSetup: "Link needs a companyId and an accessToken.",
  // choose what to connect
  progress: (connected: number, total: number) => `${connected} of ${total} connected`,
  cardConnected: (platforms: string[], more: boolean) => `Connected ✓ ${platforms.join(", ")}${more ? " · add another" : ""}`,
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
  cantFind: (lender: string) => `Can't find yours? Tell ${lender} which platform you use.`,
  // consent: the section titles are part of the recorded text
  purpose: "Purpose",
  access: "Access",
  accountInformation: "Account information",
  platformData: "Platform data",
  retention: "Retention",
  nextStep: (platform: string) => `You'll sign in at ${platform} in a new window and come back here.`,
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
  connectedTitle: "Connected ✓",
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
    `${label}: ${platform}${organisation ? ` (${organisation})` : ""} ✓`,
  fetching: (lender: string) =>
    `${lender} is now fetching your data. You can manage your connections from your account at any time.`,
  done: "Done",
  // leaving
  leaveTitle: "Leave without finishing?",
  leaveKeeps: "Anything you've connected so far stays connected.",
  leave: "Leave",
  stay: "Stay",
} as const;

// ---- wording that reads the journey's state ------------------------------------------------------------

/** The lender as the customer should read it: the text option, else the server's name. */
export function lenderName(state: JourneyState): string {
  return (state.options.text?.companyName as string | undefined) ?? state.company?.lender.name ?? "your lender";
}

function vars(state: JourneyState): Record<string, string | undefined> {
  // on the additional-consent screen the platform is the one already connected
  const platformName = state.screen === "additional" ? state.pending[0]?.platformName : state.integration?.name;
  return { companyName: lenderName(state), platformName };
}

/** A lender-overridable text for the current source type, placeholders filled. */
export function journeyText(state: JourneyState, key: string): string {
  return interpolate(textFor(state.options, key, state.step?.key), vars(state));
}

export function nextStepText(state: JourneyState): string {
  return copy.nextStep(state.integration?.name ?? "");
}

/** The data types the built-in consent screen lists, in plain words. */
export function consentDataTypes(state: JourneyState): string[] {
  return dataTypesFor(state.options, state.step!, state.integration?.dataTypes ?? []).map(plainDataType);
}

/** The consent exactly as shown: every section's text after interpolation, in screen order. */
export function consentText(state: JourneyState): string {
  const text = (key: string) => journeyText(state, key);
  if (state.productTexts.length) {
    return productConsentText({ title: text("consents.title"), subtitle: text("consents.subtitle"),
      terms: text("consents.termsAndConditions"), nextStep: nextStepText(state) }, state.productTexts);
  }
  return [
    text("consents.title"),
    text("consents.subtitle"),
    `${copy.purpose}\n${text("consents.purpose")}`,
    `${copy.access}\n${text("consents.access")}`,
    `${copy.accountInformation}\n${text("consents.accountInformation")}`,
    `${copy.platformData}\n${consentDataTypes(state).map((d) => `- ${d}`).join("\n")}`,
    `${copy.retention}\n${text("consents.retention")}`,
    text("consents.termsAndConditions"),
    nextStepText(state),
  ].join("\n\n");
}

