import { describe, expect, it } from "vitest";
import { interpolate, parseInline, parseMarkdown, plainDataType, safeHref } from "../src/text.js";

describe("interpolate", () => {
  it("fills {companyName} and {platformName}", () => {
    expect(interpolate("{companyName} reads {platformName}", { companyName: "Acme Bank", platformName: "Xero" }))
      .toBe("Acme Bank reads Xero");
  });

  it("leaves unknown placeholders as written", () => {
    expect(interpolate("Hello {nobody} at {companyName}", { companyName: "Acme" })).toBe("Hello {nobody} at Acme");
  });

  it("does not interpret values as placeholders again", () => {
    expect(interpolate("{companyName}", { companyName: "{platformName}", platformName: "X" })).toBe("{platformName}");
  });
});

describe("safeHref", () => {
  it.each(["https://lender.example/terms", "http://lender.example", "mailto:help@lender.example"])("keeps %s", (url) => {
    expect(safeHref(url)).not.toBeNull();
  });

  it.each(["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:x", "/relative", "//evil.example"])("refuses %s", (url) => {
    expect(safeHref(url)).toBeNull();
  });
});

describe("parseMarkdown", () => {
  it("renders bold, emphasis and safe links as tokens", () => {
    expect(parseInline("**Read** *only*, see [terms](https://lender.example/terms).")).toEqual([
      { kind: "strong", text: "Read" },
      { kind: "text", text: " " },
      { kind: "em", text: "only" },
      { kind: "text", text: ", see " },
      { kind: "link", text: "terms", href: "https://lender.example/terms" },
      { kind: "text", text: "." },
    ]);
  });

  it("turns a javascript: link into plain text", () => {
    expect(parseInline("[click me](javascript:alert(document.cookie))")).toEqual([
      { kind: "text", text: "click me" },
      { kind: "text", text: ")" },
    ]);
  });

  it("keeps HTML as text, never as markup", () => {
    const blocks = parseMarkdown("<script>alert(1)</script> <img src=x onerror=alert(1)>");
    expect(blocks).toEqual([{ kind: "p", inline: [{ kind: "text", text: "<script>alert(1)</script> <img src=x onerror=alert(1)>" }] }]);
  });

  it("splits paragraphs and lists", () => {
    const blocks = parseMarkdown("First line\ncontinues.\n\n- one\n- **two**");
    expect(blocks).toEqual([
      { kind: "p", inline: [{ kind: "text", text: "First line continues." }] },
      { kind: "ul", items: [[{ kind: "text", text: "one" }], [{ kind: "strong", text: "two" }]] },
    ]);
  });
});

describe("plainDataType", () => {
  it("says data types in plain words", () => {
    expect(plainDataType("bankAccounts")).toBe("bank accounts");
    expect(plainDataType("profitAndLoss")).toBe("profit and loss");
    expect(plainDataType("commerce-orders")).toBe("orders");
  });
});
