import { BridgekeeperConnections } from "./connections-element.js";
import type { ConnectionsProps } from "./types.js";

export { BridgekeeperConnections };
export * from "./types.js";
export type { ManagedConnection, DisconnectImpact } from "./model.js";
export type { ConsentImpact, ConsentRecord } from "./consents.js";
export { activeConsentsOn, expiringSoon, impactSentences, shownConsentsOn } from "./consents.js";
export { formatDate, plainDataType, statusText } from "./format.js";

/** Puts the manage-connections list into target. */
export async function initializeConnections(target: HTMLElement, props: ConnectionsProps): Promise<void> {
  const element = document.createElement("bridgekeeper-connections") as BridgekeeperConnections;
  element.props = props;
  target.replaceChildren(element);
  await element.updateComplete;
}
