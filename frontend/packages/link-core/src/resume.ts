// Same-tab fallback: when the popup is blocked or the screen is small, this tab goes to the platform and comes
// back to the page it left: the page's own address travels with the sign-in (the linkUrl's bk_return, checked by
// the server against the profile's whiteListUrls; Hosted Link's own page is always allowed), so the return does not
// depend on the profile's redirectUrl. The page mounts the component again, and what the component needs to carry
// on waits in this tab's session storage under its own key, read once.

/** The linkUrl parameter that carries the page's return address (the server keeps it with the authorization). */
export const RETURN_PARAM = "bk_return";

/** The parameters the server adds on the way back; dropped so a second sign-in does not collect them twice. */
const OUTCOME_PARAMS = ["statusCode", "connectionId"];

/**
 * Where this tab comes back to: the page's address without its fragment (a token may ride there) and without the
 * outcome of an earlier sign-in; `pathOnly` (Hosted Link) keeps nothing but the path.
 */
export function returnAddress(pathOnly = false): string {
  const url = new URL(location.href);
  url.hash = "";
  if (pathOnly) {
    url.search = "";
  }
  for (const name of OUTCOME_PARAMS) {
    url.searchParams.delete(name);
  }
  return url.toString();
}

/** The linkUrl with the return address added. */
export function withReturn(linkUrl: string, address: string): string {
  const url = new URL(linkUrl, location.href);
  url.searchParams.set(RETURN_PARAM, address);
  return url.toString();
}

/** Keeps `saved` for the page's return and sends this tab to the platform's sign-in. */
export function leaveForPlatform(key: string, saved: unknown, url: string): void {
  sessionStorage.setItem(key, JSON.stringify(saved));
  location.assign(url);
}

/** What leaveForPlatform kept under `key`, removed as it is read; undefined when there is none or it is unreadable. */
export function takeSuspended<T>(key: string): T | undefined {
  const raw = sessionStorage.getItem(key);
  if (!raw) {
    return undefined;
  }
  sessionStorage.removeItem(key);
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}
