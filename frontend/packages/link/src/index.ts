import { BridgekeeperLink } from "./link-element.js";
import type { LinkProps } from "./types.js";

export { BridgekeeperLink };
export * from "./types.js";
export { interpolate, parseMarkdown, safeHref } from "./text.js";

/** Puts the journey into target. Same signature as Codat's initializeCodatLink. */
export async function initializeLink(target: HTMLElement, props: LinkProps): Promise<void> {
  const element = document.createElement("bridgekeeper-link") as BridgekeeperLink;
  element.props = props;
  target.replaceChildren(element);
  await element.updateComplete;
}

/** Codat's name, so an existing integration only changes its import. */
export const initializeCodatLink = initializeLink;
