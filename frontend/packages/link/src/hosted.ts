// Hosted Link: the page the server serves at /link/{companyId} mounts <bridgekeeper-link hosted company-id=…>.

import type { LinkProps } from "./types.js";

const TOKEN_KEY = "bridgekeeper-link-token";

/** The company from the attribute, the token from the page or the URL fragment (then wiped from the address bar). */
export function hostedProps(element: HTMLElement): LinkProps {
  const fragment = new URLSearchParams(location.hash.slice(1));
  // a protected Hosted Link: the server redeemed the one-time ?token= and put a company token in the page
  const given = element.getAttribute("access-token");
  const token = given ?? fragment.get("token") ?? sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, "", location.pathname + (given ? "" : location.search));
    element.removeAttribute("access-token");
  }
  return {
    companyId: element.getAttribute("company-id") ?? "",
    accessToken: token,
    baseUrl: location.origin,
    onConnection: () => undefined,
    onError: () => undefined,
    onFinish: () => undefined,
    options: { showLandingPage: true, showSandboxIntegrations: true },
  };
}
