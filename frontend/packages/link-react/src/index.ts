// <BridgekeeperLink {...props} /> for React: a thin wrapper over the <bridgekeeper-link> element.
// The journey starts once per company and token; callbacks always reach the latest props, so a
// parent re-rendering with new arrow functions neither restarts the journey nor calls stale ones.

import { createElement, useEffect, useRef } from "react";
import "@bridgekeeper/link";
import type { BridgekeeperLink as LinkElement, LinkProps } from "@bridgekeeper/link";
import "@bridgekeeper/connections";
import type { BridgekeeperConnections as ConnectionsElement, ConnectionsProps } from "@bridgekeeper/connections";

export type { LinkProps, CodatLinkProps, ConnectionCallbackArgs, ConsentCallbackArgs, ErrorCallbackArgs,
  LinkOptions } from "@bridgekeeper/link";

export function BridgekeeperLink(props: LinkProps) {
  const element = useRef<LinkElement | null>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!element.current) {
      return;
    }
    const current = latest.current;
    element.current.props = {
      ...current,
      onConnection: (args) => latest.current.onConnection(args),
      onConnectionStarted: (args) => latest.current.onConnectionStarted?.(args),
      onConsent: (args) => latest.current.onConsent?.(args),
      onFinish: () => latest.current.onFinish(),
      onError: (args) => latest.current.onError(args),
      onClose: current.onClose ? () => latest.current.onClose?.() : undefined,
    };
  }, [props.companyId, props.accessToken, props.baseUrl]);

  return createElement("bridgekeeper-link", { ref: element });
}

/** Codat's component name, so moving from @codat/sdk-link-types is a change of import. */
export const CodatLink = BridgekeeperLink;

export type { ConnectionsProps, ConnectionEventArgs, ConnectionsErrorArgs, ConsentEventArgs } from "@bridgekeeper/connections";

/** <BridgekeeperConnections {...props} />: the customer's manage-connections list over <bridgekeeper-connections>. */
export function BridgekeeperConnections(props: ConnectionsProps) {
  const element = useRef<ConnectionsElement | null>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!element.current) {
      return;
    }
    const current = latest.current;
    element.current.props = {
      ...current,
      onDisconnect: (args) => latest.current.onDisconnect?.(args),
      onReconnect: (args) => latest.current.onReconnect?.(args),
      onConsentRevoked: (args) => latest.current.onConsentRevoked?.(args),
      onConsentRenewed: (args) => latest.current.onConsentRenewed?.(args),
      onError: (args) => latest.current.onError?.(args),
      onClose: current.onClose ? () => latest.current.onClose?.() : undefined,
    };
  }, [props.companyId, props.accessToken, props.baseUrl]);

  return createElement("bridgekeeper-connections", { ref: element });
}
