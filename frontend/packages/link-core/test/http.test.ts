import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, HttpClient, UNREACHABLE, errorArgs } from "../src/index.js";

function answer(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(typeof body === "string" ? body : JSON.stringify(body),
    { status, headers: { "Content-Type": "application/json", ...headers } });
}

async function failure(client: HttpClient): Promise<ApiError> {
  try {
    await client.request("GET", "/x");
  } catch (e) {
    return e as ApiError;
  }
  throw new Error("no failure");
}

afterEach(() => vi.unstubAllGlobals());

describe("HttpClient", () => {
  it("sends no Authorization header without a token (Hosted Link redeeming its one-time link)", async () => {
    const fetchMock = vi.fn(async () => answer({ accessToken: "t" }));
    vi.stubGlobal("fetch", fetchMock);
    await new HttpClient("https://bk.example", "").request("POST", "/link/c1", { token: "hlt_x" });
    expect(fetchMock.mock.calls[0]).toEqual(["https://bk.example/link/c1", { method: "POST",
      headers: { "Content-Type": "application/json" }, body: '{"token":"hlt_x"}' }]);
  });

  it("sends the bearer token, and a JSON body with its content type, below the base without its trailing slash", async () => {
    const fetchMock = vi.fn(async () => answer({ ok: 1 }));
    vi.stubGlobal("fetch", fetchMock);
    const client = new HttpClient("https://bk.example/", "tok");
    expect(await client.request("POST", "/link/api/companies/c1/consents", { text: "t" })).toEqual({ ok: 1 });
    expect(await client.request("GET", "/link/api/companies/c1")).toEqual({ ok: 1 });
    expect(fetchMock.mock.calls).toEqual([
      ["https://bk.example/link/api/companies/c1/consents", { method: "POST",
        headers: { Authorization: "Bearer tok", "Content-Type": "application/json" }, body: '{"text":"t"}' }],
      ["https://bk.example/link/api/companies/c1", { method: "GET", headers: { Authorization: "Bearer tok" },
        body: undefined }],
    ]);
  });

  it("turns Codat's ErrorMessage into the error args, correlation id from the body", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => answer({ statusCode: 401, error: "Token expired", correlationId: "corr-1" },
      401, { "X-Correlation-Id": "from-header" })));
    const error = await failure(new HttpClient("https://bk.example", "t"));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe("Token expired");
    expect(error.details).toEqual({ correlationId: "corr-1", message: "Token expired", errorCode: 401, userRecoverable: false });
  });

  it("takes the correlation id from the header and names the status when the body is not JSON", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => answer("<html>Bad gateway</html>", 502, { "X-Correlation-Id": "corr-h" })));
    expect((await failure(new HttpClient("https://bk.example", "t"))).details).toEqual({ correlationId: "corr-h",
      message: "The server answered 502.", errorCode: 502, userRecoverable: true });
  });

  it("leaves the correlation id out when neither body nor header has one", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => answer({}, 400)));
    expect((await failure(new HttpClient("https://bk.example", "t"))).details).toEqual({ correlationId: undefined,
      message: "The server answered 400.", errorCode: 400, userRecoverable: false });
  });

  it.each([[500, [], true], [503, [], true], [429, [], true], [409, [], false], [409, [409], true], [404, [409], false],
    [401, [409], false]] as const)("status %i with extra retryable %j is recoverable: %s", async (status, retryable, recoverable) => {
    vi.stubGlobal("fetch", vi.fn(async () => answer({ error: "e" }, status)));
    expect((await failure(new HttpClient("https://bk.example", "t", retryable))).details.userRecoverable).toBe(recoverable);
  });

  it("says the server cannot be reached when fetch itself fails", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => { throw new TypeError("Failed to fetch"); }));
    expect((await failure(new HttpClient("https://bk.example", "t"))).details).toEqual({ message: UNREACHABLE,
      userRecoverable: true });
  });
});

describe("errorArgs", () => {
  it("passes an ApiError's details through and wraps anything else with the caller's recoverability", () => {
    const details = { message: "m", errorCode: 404, userRecoverable: false };
    expect(errorArgs(new ApiError(details), true)).toBe(details);
    expect(errorArgs(new SyntaxError("Unexpected token"), false)).toEqual({ message: "Unexpected token", userRecoverable: false });
    expect(errorArgs("odd", true)).toEqual({ message: "odd", userRecoverable: true });
  });
});
