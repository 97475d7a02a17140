// Hosted Link: the page the server serves at /link/{companyId} mounts <bridgekeeper-link hosted company-id=…> with
// what the page knows: a Hosted Link token (the company's redirect URL, as sent), a one-time link token to redeem
// (a protected Hosted Link's ?token=), or `protected` alone (the bare page of a protected Hosted Link: only a tab
// that redeemed its link, coming back from the platform, carries on). Tokens live in this tab's session storage,
// per company, never in the address bar.

import type { LinkCompany } from "./api.js";
import type { LinkProps } from "./types.js";

const tokenKey = (companyId: string) => `bridgekeeper-link-token:${companyId}`;

export interface HostedStart {
  props: LinkProps;
  /** The one-time link token still to redeem (the customer's Get started spends it). */
  linkToken?: string;
  /** The lender as the page names it, shown before the company loads. */
  preview: LinkCompany;
  /** The page was opened from an upload connection's linkUrl: the journey opens on its upload screen. */
  uploadFirst: boolean;
}

/** The props for the page's element, and what the journey needs before it has a token. */
export function hostedStart(element: HTMLElement): HostedStart {
  const companyId = element.getAttribute("company-id") ?? "";
  const fragment = new URLSearchParams(location.hash.slice(1));
  const given = element.getAttribute("access-token") ?? fragment.get("token") ?? undefined;
  const linkToken = element.getAttribute("link-token") ?? undefined;
  element.removeAttribute("access-token");
  let token = given;
  if (given) {
    keepToken(companyId, given);
  } else if (!linkToken) {
    // back from the platform on a protected page: the token this tab redeemed earlier
    token = sessionStorage.getItem(tokenKey(companyId)) ?? undefined;
  }
  if (token) {
    cleanAddress();
  }
  const name = element.getAttribute("lender-name") ?? undefined;
  const logo = element.getAttribute("lender-logo") ?? undefined;
  return {
    props: {
      companyId,
      accessToken: token,
      baseUrl: location.origin,
      onConnection: () => undefined,
      onError: () => undefined,
      onFinish: () => undefined,
      options: { showLandingPage: true, showSandboxIntegrations: true },
    },
    linkToken: token ? undefined : linkToken,
    preview: { companyId, companyName: "", lender: { name, logoUrl: logo } },
    uploadFirst: element.getAttribute("start") === "upload",
  };
}

/** Keeps the tab's token for the company (a reload or the return from the platform reads it). */
export function keepToken(companyId: string, token: string): void {
  sessionStorage.setItem(tokenKey(companyId), token);
}

/** The page's address without the one-time token, the fragment or an earlier sign-in's outcome. */
export function cleanAddress(): void {
  history.replaceState(null, "", location.pathname);
}
