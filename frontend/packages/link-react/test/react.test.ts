import { act, createElement } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BridgekeeperConnections, BridgekeeperLink } from "../src/index.js";
import type { ConnectionsProps, LinkProps } from "../src/index.js";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe("<BridgekeeperLink>", () => {
  it("renders the element with the props and forwards callbacks to the latest render's", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ statusCode: 401, error: "nope" }),
      { status: 401, headers: { "Content-Type": "application/json" } })));
    const container = document.createElement("div");
    document.body.append(container);
    const root = createRoot(container);
    const first = vi.fn();
    const second = vi.fn();
    const props = (onError: LinkProps["onError"]): LinkProps => ({ companyId: "c1", accessToken: "t",
      baseUrl: "https://bk.example", onConnection: () => undefined, onFinish: () => undefined, onError });

    await act(async () => root.render(createElement(BridgekeeperLink, props(first))));
    const element = container.querySelector("bridgekeeper-link") as HTMLElement & { props?: LinkProps };
    expect(element).not.toBeNull();
    expect(element.props?.companyId).toBe("c1");
    const given = element.props;

    await act(async () => root.render(createElement(BridgekeeperLink, props(second))));
    expect(element.props).toBe(given); // same journey, not restarted
    element.props!.onError({ message: "x", userRecoverable: false });
    expect(second).toHaveBeenCalledWith({ message: "x", userRecoverable: false });
    await act(async () => root.unmount());
  });
});

describe("<BridgekeeperConnections>", () => {
  it("renders the manage-connections element and forwards callbacks to the latest render's", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ statusCode: 401, error: "nope" }),
      { status: 401, headers: { "Content-Type": "application/json" } })));
    const container = document.createElement("div");
    document.body.append(container);
    const root = createRoot(container);
    const first = vi.fn();
    const second = vi.fn();
    const props = (onDisconnect: ConnectionsProps["onDisconnect"]): ConnectionsProps => ({ companyId: "c1",
      accessToken: "t", baseUrl: "https://bk.example", onDisconnect });

    await act(async () => root.render(createElement(BridgekeeperConnections, props(first))));
    const element = container.querySelector("bridgekeeper-connections") as HTMLElement & { props?: ConnectionsProps };
    expect(element.props?.companyId).toBe("c1");
    const given = element.props;
    await act(async () => root.render(createElement(BridgekeeperConnections, props(second))));
    expect(element.props).toBe(given);
    element.props!.onDisconnect!({ connectionId: "k1" });
    expect(second).toHaveBeenCalledWith({ connectionId: "k1" });
    expect(first).not.toHaveBeenCalled();
    await act(async () => root.unmount());
  });
});
