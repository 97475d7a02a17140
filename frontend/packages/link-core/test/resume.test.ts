import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { leaveForPlatform, takeSuspended } from "../src/index.js";

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe("same-tab resume", () => {
  it("keeps the state for the return and sends the tab to the platform", () => {
    const assign = vi.fn();
    vi.stubGlobal("location", { ...window.location, assign });
    leaveForPlatform("bridgekeeper-link:c1", { connectionId: "k1", baseline: 2 }, "https://p.example/start");
    expect(assign).toHaveBeenCalledWith("https://p.example/start");
    expect(JSON.parse(sessionStorage.getItem("bridgekeeper-link:c1")!)).toEqual({ connectionId: "k1", baseline: 2 });
  });

  it("reads it once, and nothing for a missing or unreadable entry (which is removed too)", () => {
    sessionStorage.setItem("k", JSON.stringify({ a: 1 }));
    expect(takeSuspended("k")).toEqual({ a: 1 });
    expect(takeSuspended("k")).toBeUndefined();
    sessionStorage.setItem("k", "{not json");
    expect(takeSuspended("k")).toBeUndefined();
    expect(sessionStorage.getItem("k")).toBeNull();
  });
});
