import { describe, expect, it } from "vitest";
import { applyTheme, safeColor, sharedStyles, tokens } from "../src/index.js";

describe("theme", () => {
  it("accepts colours and refuses anything else", () => {
    expect(safeColor("#0a7")).toBe("#0a7");
    expect(safeColor(" #0b6e4f ")).toBe("#0b6e4f");
    expect(safeColor("rgb(10, 20, 30)")).toBe("rgb(10, 20, 30)");
    expect(safeColor("hsla(120, 50%, 40%, 0.9)")).toBe("hsla(120, 50%, 40%, 0.9)");
    expect(safeColor("red")).toBe("red");
    expect(safeColor("url(https://evil.example/x)")).toBeNull();
    expect(safeColor("red; background: url(x)")).toBeNull();
    expect(safeColor("expression(alert(1))")).toBeNull();
    expect(safeColor(undefined)).toBeNull();
  });

  it("sets the primary colour on the host only when it is a colour", () => {
    const host = document.createElement("div");
    applyTheme(host, { colors: { primary: "url(x)" } });
    expect(host.style.getPropertyValue("--bk-primary")).toBe("");
    applyTheme(host, undefined);
    applyTheme(host, { colors: { primary: "#0a7f3f" } });
    expect(host.style.getPropertyValue("--bk-primary")).toBe("#0a7f3f");
  });

  it("declares every token both components use", () => {
    for (const token of ["--bk-primary", "--bk-text", "--bk-muted", "--bk-border", "--bk-ok", "--bk-warn", "--bk-bad", "--bk-font"]) {
      expect(tokens.cssText).toContain(`${token}:`);
    }
    expect(sharedStyles.cssText).toContain(".sr-only");
  });
});
