// Props of <bridgekeeper-link> and initializeLink. They follow CodatLinkProps of
// @codat/sdk-link-types 1.10.1 field for field, so moving from Codat's SDK is a change of import.

export type SourceType = "Unknown" | "Accounting" | "Banking" | "BankFeed" | "Commerce" | "Expense" | "Other";

export interface ConnectionCallbackArgs {
  connectionId: string;
  integrationId: string;
  integrationKey: string;
  platformName: string;
  sourceId: string;
  sourceType: SourceType;
}

export interface ErrorCallbackArgs {
  correlationId?: string;
  message?: string;
  errorCode?: number;
  userRecoverable: boolean;
}

export interface ConsentCallbackArgs {
  text: string;
}

export interface SourceTypeOptions {
  optional: boolean;
  enableIntegrations: boolean;
  enableFileUpload?: boolean;
  allowedIntegrations?: string[];
  dataTypes?: string[];
}

export type SourceTypeKey = "accounting" | "banking" | "commerce";

export interface LinkSourceTypesOptions {
  accounting?: SourceTypeOptions;
  banking?: SourceTypeOptions;
  commerce?: Omit<SourceTypeOptions, "enableFileUpload">;
  businessDocuments?: { optional: boolean; enableFileUpload?: boolean };
}

type ConsentKeys = "title" | "subtitle" | "termsAndConditions" | "nextButton" | "purpose" | "access"
  | "accountInformation" | "retention";

export type LinkTextKey = "companyName" | "landing.title" | "landing.subtitle" | "landing.nextButton" | "main.title"
  | "main.subtitle" | `${SourceTypeKey}.consents.${ConsentKeys}` | `${SourceTypeKey}.dataAccess.nextButton`
  | `${SourceTypeKey}.dataAccess.consent` | `${SourceTypeKey}.additionalConsents.${"title" | "subtitle" | "termsAndConditions"}`
  | `${SourceTypeKey}.dataAccess.additionalConsent.${"title" | "subtitle"}`
  | `${"accounting" | "banking" | "businessDocuments"}.fileUpload.subtitle`
  /** Bridgekeeper extra: the card's name, e.g. "commerce.label": "Revenue". */
  | `${SourceTypeKey}.label`;

/** Text overrides: Markdown strings with {companyName} and {platformName}; data types as plain lists. */
export type LinkTextOptions = Partial<Record<LinkTextKey, string> & Record<`${SourceTypeKey}.dataAccess.dataTypes`, string[]>>;

export interface LinkOptions {
  nonModal?: boolean;
  hideBorder?: boolean;
  showLandingPage?: boolean;
  showSandboxIntegrations?: boolean;
  enableAdditionalConsent?: boolean;
  enableMultiEntityLinking?: boolean;
  /** Nonce for style elements where a page's CSP needs one (Lit's constructable styles usually need none). */
  nonce?: string;
  theme?: { colors?: { primary?: string } };
  sourceTypes?: LinkSourceTypesOptions;
  text?: LinkTextOptions;
}

export interface LinkProps {
  companyId: string;
  /** The company access token from GET /companies/{companyId}/accessToken on the lender's back end. */
  accessToken?: string;
  onClose?: () => void;
  onError: (args: ErrorCallbackArgs) => void;
  onFinish: () => void;
  onConnection: (args: ConnectionCallbackArgs) => void;
  onConnectionStarted?: (args: ConnectionCallbackArgs) => void;
  onConsent?: (args: ConsentCallbackArgs) => void;
  options?: LinkOptions;
  /** Bridgekeeper only: the server's URL; defaults to the origin sdk.js was loaded from. */
  baseUrl?: string;
}

/**
 * The funnel events lenders can listen for (bubbling, composed "bridgekeeper-link-event"). `stepViewed` comes with
 * every new screen (`detail.step`), `platformMissing` when the customer asks for help finding their platform.
 */
export type FunnelEvent = "opened" | "stepViewed" | "sourceTypeChosen" | "platformChosen" | "platformMissing"
  | "consentGiven" | "popupOpened" | "popupClosed" | "connected" | "cancelled" | "error" | "finished" | "closed"
  | "uploadChosen" | "uploaded";

/** Alias for code written against Codat's types. */
export type CodatLinkProps = LinkProps;
