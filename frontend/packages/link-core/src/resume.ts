// Same-tab fallback: when the popup is blocked or the screen is small, this tab goes to the platform and the
// profile's redirect brings the customer back to the page, which mounts the component again. What the component
// needs to carry on waits in this tab's session storage under its own key, read once.

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
