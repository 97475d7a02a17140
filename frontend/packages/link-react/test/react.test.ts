import { act, createElement } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BridgekeeperLink } from "../src/index.js";
import type { LinkProps } from "../src/index.js";

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
