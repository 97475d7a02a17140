import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { leaveForPlatform, returnAddress, takeSuspended, withReturn } from "../src/index.js";

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

describe("the page's return address", () => {
  it("is the page without its fragment or an earlier sign-in's outcome; Hosted Link keeps only its path", () => {
    history.replaceState(null, "", "/apply?loan=42&statusCode=403&connectionId=k1#token=secret");
    expect(returnAddress()).toBe(`${location.origin}/apply?loan=42`);
    expect(returnAddress(true)).toBe(`${location.origin}/apply`);
  });

  it("travels with the linkUrl as bk_return, other parameters kept", () => {
    expect(withReturn("https://bk.example/companies/c/connections/k/start?journey=x", "https://lender.example/apply?a=1"))
      .toBe("https://bk.example/companies/c/connections/k/start?journey=x&bk_return=https%3A%2F%2Flender.example%2Fapply%3Fa%3D1");
  });
});
