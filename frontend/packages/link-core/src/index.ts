// @bridgekeeper/link-core: bundled into @bridgekeeper/link (sdk.js) and @bridgekeeper/connections (connections.js).
export { ApiError, HttpClient, UNREACHABLE, defaultBaseUrl, errorArgs, type ErrorArgs } from "./http.js";
export { ConnectionWatch, POLL_MS, POPUP_FEATURES, closeWindow, openPlatformWindow, openWindow, platformError,
  type PolledConnection, type WatchResult } from "./popup.js";
export { leaveForPlatform, takeSuspended } from "./resume.js";
export { applyTheme, safeColor, sharedStyles, tokens } from "./theme.js";
