import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConnectionWatch, POPUP_FEATURES, closeWindow, openPlatformWindow, platformError,
  type PolledConnection, type WatchResult } from "../src/index.js";

const PENDING: PolledConnection = { id: "conn-1", status: "PendingAuth", errorCount: 2 };

function fakeWindow() {
  return { closed: false, close: vi.fn(function (this: { closed: boolean }) { this.closed = true; }) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function watch(states: () => PolledConnection, popup: Window | null) {
  const results: WatchResult<PolledConnection>[] = [];
  const read = vi.fn(async () => states());
  const watcher = new ConnectionWatch(read, 2, popup, (r) => results.push(r));
  return { watcher, results, read };
}

describe("openPlatformWindow", () => {
  it("opens a sized window inside the click, and none on a small screen", () => {
    const open = vi.spyOn(window, "open").mockReturnValue(fakeWindow() as unknown as Window);
    expect(openPlatformWindow("bk", "https://p.example")).not.toBeNull();
    expect(open).toHaveBeenCalledWith("https://p.example", "bk", POPUP_FEATURES);
    vi.stubGlobal("matchMedia", (q: string) => ({ matches: q === "(max-width: 480px)" }));
    expect(openPlatformWindow("bk")).toBeNull();
    expect(open).toHaveBeenCalledTimes(1);
  });

  it("closes a window quietly, also one that is already gone", () => {
    const popup = fakeWindow();
    closeWindow(popup as unknown as Window);
    expect(popup.closed).toBe(true);
    closeWindow({ close() { throw new Error("gone"); } } as unknown as Window);
    closeWindow(null);
  });
});

describe("ConnectionWatch", () => {
  it("polls every second until the connection is Linked, once", async () => {
    let state = PENDING;
    const { results, read } = watch(() => state, fakeWindow() as unknown as Window);
    await vi.advanceTimersByTimeAsync(999);
    expect(read).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2001);
    expect(read).toHaveBeenCalledTimes(3);
    state = { ...PENDING, status: "Linked" };
    await vi.advanceTimersByTimeAsync(5000);
    expect(read).toHaveBeenCalledTimes(4);
    expect(results).toEqual([{ kind: "linked", connection: state }]);
  });

  it("a new error beyond the baseline ends it: 403 is the customer's cancellation, anything else a failure", async () => {
    const denied = { ...PENDING, errorCount: 3, lastError: { statusCode: "403", errorMessage: "User cancelled." } };
    const first = watch(() => denied, fakeWindow() as unknown as Window);
    await vi.advanceTimersByTimeAsync(1000);
    expect(first.results).toEqual([{ kind: "failed", connection: denied, cancelled: true }]);

    const broken = { ...PENDING, errorCount: 3, lastError: { statusCode: "500", errorMessage: "Down." } };
    const second = watch(() => broken, fakeWindow() as unknown as Window);
    await vi.advanceTimersByTimeAsync(1000);
    expect(second.results).toEqual([{ kind: "failed", connection: broken, cancelled: false }]);
    expect(platformError(broken)).toEqual({ message: "Down.", correlationId: "conn-1", errorCode: 500, userRecoverable: true });
    expect(platformError({ ...PENDING, lastError: { statusCode: "x" } }).errorCode).toBeUndefined();
  });

  it("errors up to the baseline are old ones and do not end it", async () => {
    const { results } = watch(() => ({ ...PENDING, lastError: { statusCode: "403" } }), fakeWindow() as unknown as Window);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(results).toEqual([]);
  });

  it("gives a closed window three polls' grace for the callback before calling it closed", async () => {
    const popup = fakeWindow();
    const { results, read } = watch(() => PENDING, popup as unknown as Window);
    await vi.advanceTimersByTimeAsync(1000);
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(4000); // gone seen at 2 s; 3, 4, 5 s are within the grace
    expect(results).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(results).toEqual([{ kind: "closed" }]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(read).toHaveBeenCalledTimes(6);
  });

  it("a callback landing within the grace still counts as linked", async () => {
    let state = PENDING;
    const { results } = watch(() => state, null);
    await vi.advanceTimersByTimeAsync(3000);
    state = { ...PENDING, status: "Linked" };
    await vi.advanceTimersByTimeAsync(1000);
    expect(results).toEqual([{ kind: "linked", connection: state }]);
  });

  it("reopening gives a new window and a fresh grace", async () => {
    const popup = fakeWindow();
    popup.closed = true;
    const again = fakeWindow();
    vi.spyOn(window, "open").mockReturnValue(again as unknown as Window);
    const { watcher, results } = watch(() => PENDING, popup as unknown as Window);
    await vi.advanceTimersByTimeAsync(3000);
    watcher.reopen("bk", "https://p.example/start");
    expect(window.open).toHaveBeenCalledWith("https://p.example/start", "bk", POPUP_FEATURES);
    await vi.advanceTimersByTimeAsync(3000);
    again.closed = true;
    await vi.advanceTimersByTimeAsync(4000);
    expect(results).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(results).toEqual([{ kind: "closed" }]);
  });

  it("a failed read ends it as unreachable; stop ends it without a result, also mid-read", async () => {
    const boom = new Error("offline");
    const failing = new ConnectionWatch(async () => { throw boom; }, 0, null, (r) => results.push(r));
    const results: WatchResult<PolledConnection>[] = [];
    await vi.advanceTimersByTimeAsync(1000);
    expect(results).toEqual([{ kind: "unreachable", error: boom }]);
    failing.stop();

    let release: (c: PolledConnection) => void = () => undefined;
    const slow = new ConnectionWatch(() => new Promise<PolledConnection>((r) => { release = r; }), 0, null,
      (r) => results.push(r));
    await vi.advanceTimersByTimeAsync(1000);
    slow.stop();
    release({ ...PENDING, status: "Linked" });
    await vi.advanceTimersByTimeAsync(5000);
    expect(results).toHaveLength(1);
  });
});
