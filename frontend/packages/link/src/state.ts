// The journey's state as data: the screens, what a connection made in the journey is, and the whole state the
// element renders. Its own module so the helpers that read the state (copy, additional) need not import the
// journey that changes it.

import type { LinkCompany, LinkConnection, LinkIntegration, PendingConsent, ProductConsentText, UploadedFile,
  UploadLimits } from "./api.js";
import type { SourceTypeStep } from "./options.js";
import type { ErrorCallbackArgs, LinkOptions } from "./types.js";

export type Screen = "loading" | "landing" | "additional" | "main" | "picker" | "help" | "consent" | "waiting"
  | "result" | "finish" | "done" | "fatal" | "upload";

export const SCREENS: readonly Screen[] = ["loading", "landing", "additional", "main", "picker", "help", "consent",
  "waiting", "result", "finish", "done", "fatal", "upload"];

/** "Upload documents instead": the limits, whether the customer agreed, what is stored, what went wrong. */
export interface UploadState {
  limits?: UploadLimits;
  consented: boolean;
  connectionId?: string;
  files: UploadedFile[];
  /** Why files were refused, one line each, said at once. */
  errors: string[];
  /** 0–100 while an upload is on its way. */
  progress?: number;
}

/** A connection made (or shared) in this journey, shown on its source type's card. */
export interface Linked {
  connectionId: string;
  platformName: string;
  organisationName?: string;
  logoUrl?: string;
}

export interface Outcome {
  kind: "connected" | "cancelled" | "error";
  platformName: string;
  organisationName?: string;
  message?: string;
  correlationId?: string;
}

export interface JourneyState {
  screen: Screen;
  /** Read out by the live region: set with each screen change, empty unless the change needs saying. */
  announcement: string;
  options: LinkOptions;
  /** The whole page (Hosted Link): no lender callbacks, Done leaves for the lender's address. */
  hosted: boolean;
  /** A small screen: the platform's sign-in takes this tab instead of a popup (and the words say so). */
  sameTab: boolean;
  /** Opened from an upload connection's linkUrl: the upload screen comes first (cleared once shown). */
  uploadFirst: boolean;
  /** Hosted Link opened with a one-time link: the landing shows first and Get started redeems the link. */
  redeeming: boolean;
  /** The customer is on their way past the landing page (it is not shown again once the company loads). */
  landingDone: boolean;
  /** A request of the customer's is on its way (the button that sent it is disabled). */
  busy: boolean;
  /** The fatal screen's heading when it is not the generic one. */
  fatalTitle?: string;
  steps: SourceTypeStep[];
  company?: LinkCompany;
  /** Products asking for consent on connections the company already has (enableAdditionalConsent); first shown. */
  pending: PendingConsent[];
  /** By source type key. */
  linked: Record<string, Linked[]>;
  step?: SourceTypeStep;
  integrations: LinkIntegration[];
  search: string;
  integration?: LinkIntegration;
  /** The company's products' consent texts for the chosen platform; empty: the built-in wording. */
  productTexts: ProductConsentText[];
  connection?: LinkConnection;
  outcome?: Outcome;
  /** Shown on the picker after the platform window closed without a result. */
  notice: string;
  confirmingClose: boolean;
  fatal?: ErrorCallbackArgs;
  upload?: UploadState;
}
