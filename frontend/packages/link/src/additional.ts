// Additional consent (enableAdditionalConsent): a product the company took after it connected a platform
// asks for its own consent on that connection, recorded without a new sign-in at the platform.

import type { PendingConsent } from "./api.js";
import { copy, journeyText, lenderName } from "./copy.js";
import type { JourneyState } from "./state.js";
import type { SourceTypeStep } from "./options.js";
import { plainDataType } from "./text.js";

/** The pending consents this journey asks for: only source types it shows, one per product and connection. */
export function pendingForSteps(pending: PendingConsent[], steps: SourceTypeStep[]): PendingConsent[] {
  const types = new Set(steps.map((s) => s.sourceType.toLowerCase()));
  const seen = new Set<string>();
  return pending.filter((p) => {
    const key = `${p.productIdentifier}/${p.connectionId}`;
    const fresh = types.has(p.sourceType.toLowerCase()) && !seen.has(key);
    seen.add(key);
    return fresh;
  });
}

/** The additional consent exactly as shown, in screen order: what the consent record stores. */
export function additionalConsentText(p: PendingConsent, lender: string, access: string, retention: string,
    terms: string): string {
  return [
    copy.shareTitle(p.platformName, p.productName),
    copy.alreadyConnected(p.platformName, lender, p.productName),
    ...(p.purpose ? [`${copy.purpose}\n${p.purpose}`] : []),
    `${copy.access}\n${access}`,
    `${copy.platformData}\n${p.dataTypes.map((d) => `- ${plainDataType(d)}`).join("\n")}`,
    `${copy.retention}\n${retention}`,
    terms,
    copy.noSignIn(p.productName),
  ].join("\n\n");
}

/** The additional consent for a pending product with the journey's wording, as its screen shows it. */
export function additionalText(state: JourneyState, p: PendingConsent): string {
  return additionalConsentText(p, lenderName(state), journeyText(state, "consents.access"),
    journeyText(state, "consents.retention"), journeyText(state, "consents.termsAndConditions"));
}
