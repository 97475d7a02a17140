// Turns LinkProps.options into what the journey shows: which source types, required or optional,
// and the text of every screen with the lender's overrides applied.

import type { LinkOptions, SourceType, SourceTypeKey } from "./types.js";

export interface SourceTypeStep {
  key: SourceTypeKey;
  sourceType: SourceType;
  label: string;
  description: string;
  optional: boolean;
  allowedIntegrations?: string[];
  dataTypes?: string[];
}

const SOURCE_TYPES: Record<SourceTypeKey, { sourceType: SourceType; label: string; description: string }> = {
  accounting: { sourceType: "Accounting", label: "Accounting", description: "Your accounting software, e.g. invoices and reports." },
  banking: { sourceType: "Banking", label: "Banking", description: "Your business bank accounts and transactions." },
  commerce: { sourceType: "Commerce", label: "Commerce", description: "Your online sales, payments and orders." },
};

/**
 * The source types in journey order. Without sourceTypes options: accounting (required), banking
 * and commerce (optional). A type with enableIntegrations false is left out.
 */
export function sourceTypeSteps(options: LinkOptions = {}): SourceTypeStep[] {
  const configured = options.sourceTypes;
  const keys: SourceTypeKey[] = ["accounting", "banking", "commerce"];
  const steps: SourceTypeStep[] = [];
  for (const key of keys) {
    const base = SOURCE_TYPES[key];
    if (!configured) {
      const renamed = (options.text as Record<string, unknown> | undefined)?.[`${key}.label`];
      steps.push({ key, ...base, label: typeof renamed === "string" && renamed.trim() ? renamed.trim() : base.label,
        optional: key !== "accounting" });
      continue;
    }
    const own = configured[key];
    if (!own || own.enableIntegrations === false) {
      continue;
    }
    // Bridgekeeper extra: "<type>.label" renames a card, e.g. Commerce to "Revenue"
    const renamed = (options.text as Record<string, unknown> | undefined)?.[`${key}.label`];
    const label = typeof renamed === "string" && renamed.trim() ? renamed.trim() : base.label;
    steps.push({
      key, sourceType: base.sourceType, label, description: base.description,
      optional: own.optional === true,
      allowedIntegrations: own.allowedIntegrations?.length ? own.allowedIntegrations : undefined,
      dataTypes: own.dataTypes?.length ? own.dataTypes : undefined,
    });
  }
  return steps;
}

const DEFAULT_TEXT: Partial<Record<string, string>> = {
  "landing.title": "Share your business data with {companyName}",
  "landing.subtitle": "- **What you get:** a faster decision, without uploading documents.\n"
    + "- **How your data is used:** {companyName} reads it to assess your application. It is never changed.\n"
    + "- **What to do next:** connect your accounts. It takes about a minute.",
  "landing.nextButton": "Get started",
  "main.title": "Connect your accounts",
  "main.subtitle": "{companyName} needs the ones marked Required. You can add the optional ones too.",
  "consents.title": "Connect {platformName}",
  "consents.subtitle": "{companyName} is asking for read-only access to your {platformName} data.",
  "consents.purpose": "{companyName} uses this data to assess your application and keep your account up to date.",
  "consents.access": "Read-only. {companyName} can see your data but cannot change anything in {platformName} or move money.",
  "consents.accountInformation": "The name and details of the organisation you choose when you sign in to {platformName}.",
  "consents.retention": "{companyName} keeps your data while you are a customer or until you disconnect. You can disconnect at any time.",
  "consents.termsAndConditions": "Your data is not shared with third parties without your consent.",
  "consents.nextButton": "Agree and continue",
};

/** A screen's text: the lender's override for this source type, else ours; then interpolation happens at render. */
export function textFor(options: LinkOptions | undefined, key: string, sourceType?: SourceTypeKey): string {
  const text = (options?.text ?? {}) as Record<string, unknown>;
  const scoped = sourceType ? text[`${sourceType}.${key}`] : undefined;
  if (typeof scoped === "string") {
    return scoped;
  }
  const plain = text[key];
  if (typeof plain === "string") {
    return plain;
  }
  return DEFAULT_TEXT[key] ?? "";
}

/** Data types listed on the consent screen: the lender's wording, else the integration's own list. */
export function dataTypesFor(options: LinkOptions | undefined, step: SourceTypeStep, fromCatalog: string[]): string[] {
  const override = (options?.text as Record<string, unknown> | undefined)?.[`${step.key}.dataAccess.dataTypes`];
  if (Array.isArray(override) && override.every((v) => typeof v === "string")) {
    return override;
  }
  return step.dataTypes ?? fromCatalog;
}

/** The theme colour check is the core's, shared with manage connections. */
export { safeColor } from "@bridgekeeper/link-core";
