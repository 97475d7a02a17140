// Additional consent (enableAdditionalConsent): a product the company took after it connected a platform
// asks for its own consent on that connection, recorded without a new sign-in at the platform.

import type { PendingConsent } from "./api.js";
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
    `Share ${p.platformName} for ${p.productName}`,
    `You're already connected to ${p.platformName}. ${lender} asks to use it for ${p.productName} too.`,
    ...(p.purpose ? [`Purpose\n${p.purpose}`] : []),
    `Access\n${access}`,
    `Platform data\n${p.dataTypes.map((d) => `- ${plainDataType(d)}`).join("\n")}`,
    `Retention\n${retention}`,
    terms,
    `No need to sign in again. You can stop sharing for ${p.productName} at any time.`,
  ].join("\n\n");
}
