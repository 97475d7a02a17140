// @bridgekeeper/link-core: bundled into @bridgekeeper/link (sdk.js) and @bridgekeeper/connections (connections.js).
export { ApiError, HttpClient, UNREACHABLE, defaultBaseUrl, errorArgs, type ErrorArgs } from "./http.js";
export { ConnectionWatch, POLL_MS, POPUP_FEATURES, SMALL_SCREEN, closeWindow, openPlatformWindow, openWindow,
  platformError, smallScreen, type PolledConnection, type WatchResult } from "./popup.js";
export { RETURN_PARAM, leaveForPlatform, returnAddress, takeSuspended, withReturn } from "./resume.js";
export { applyTheme, safeColor, sharedStyles, tokens } from "./theme.js";
export { PLAIN_DATA_TYPES, listText, plainDataType } from "./data-types.js";
