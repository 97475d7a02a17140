import { describe, expect, it } from "vitest";
import { formatDate, listText, plainDataType, safeColor, statusText } from "../src/format.js";

describe("formatting", () => {
  it("puts statuses in the customer's words", () => {
    expect(statusText("Linked")).toBe("Connected");
    expect(statusText("Unlinked")).toBe("Disconnected");
    expect(statusText("Deauthorized")).toBe("Needs re-authorisation");
    expect(statusText("PendingAuth")).toBe("Not finished");
  });

  it("formats dates as day, short month and year in the given locale", () => {
    expect(formatDate("2026-03-03T10:15:00Z", "en-GB")).toBe("3 Mar 2026");
    expect(formatDate("2026-12-31T12:00:00Z", "en-US")).toBe("Dec 31, 2026");
    expect(formatDate("2026-03-03T10:15:00Z", "de-DE")).toBe("3. März 2026");
  });

  it("says Never for a missing date and Unknown for nonsense", () => {
    expect(formatDate(undefined)).toBe("Never");
    expect(formatDate(null)).toBe("Never");
    expect(formatDate("")).toBe("Never");
    expect(formatDate("yesterday-ish")).toBe("Unknown");
  });

  it("names data types without jargon", () => {
    expect(plainDataType("banking-accounts")).toBe("bank accounts");
    expect(plainDataType("chartOfAccounts")).toBe("chart of accounts");
    expect(plainDataType("commerce-orders")).toBe("orders");
    expect(plainDataType("billPayments")).toBe("bill payments");
    expect(plainDataType("banking-transactionCategories")).toBe("transaction categories");
  });

  it("joins lists the way a sentence does", () => {
    expect(listText([])).toBe("");
    expect(listText(["a"])).toBe("a");
    expect(listText(["a", "b"])).toBe("a and b");
    expect(listText(["a", "b", "c"])).toBe("a, b and c");
  });

  it("accepts only colour values as the theme colour", () => {
    expect(safeColor("#0b6e4f")).toBe("#0b6e4f");
    expect(safeColor("red; background: url(x)")).toBeUndefined();
    expect(safeColor(undefined)).toBeUndefined();
  });
});
