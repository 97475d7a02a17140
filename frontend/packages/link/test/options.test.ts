import { describe, expect, it } from "vitest";
import { dataTypesFor, safeColor, sourceTypeSteps, textFor } from "../src/options.js";
import type { CodatLinkProps, LinkProps } from "../src/index.js";

describe("sourceTypeSteps", () => {
  it("defaults to accounting required, banking and commerce optional", () => {
    expect(sourceTypeSteps().map((s) => [s.key, s.optional])).toEqual([
      ["accounting", false], ["banking", true], ["commerce", true]]);
  });

  it("follows sourceTypes: only enabled types, optional flags, allowed integrations and data types", () => {
    const steps = sourceTypeSteps({
      sourceTypes: {
        banking: { optional: false, enableIntegrations: true, allowedIntegrations: ["sbbk"] },
        commerce: { optional: true, enableIntegrations: false },
        accounting: { optional: true, enableIntegrations: true, dataTypes: ["invoices"] },
      },
    });
    expect(steps.map((s) => s.key)).toEqual(["accounting", "banking"]);
    expect(steps[0]).toMatchObject({ optional: true, dataTypes: ["invoices"], sourceType: "Accounting" });
    expect(steps[1]).toMatchObject({ optional: false, allowedIntegrations: ["sbbk"], sourceType: "Banking" });
  });

  it("lets the lender rename a card", () => {
    const steps = sourceTypeSteps({ text: { "commerce.label": "Revenue" } });
    expect(steps.find((s) => s.key === "commerce")?.label).toBe("Revenue");
  });
});

describe("textFor", () => {
  it("prefers the source type's override, then the general key, then the default", () => {
    const options = { text: { "banking.consents.purpose": "Banking purpose", "main.title": "Hello" } };
    expect(textFor(options, "consents.purpose", "banking")).toBe("Banking purpose");
    expect(textFor(options, "consents.purpose", "accounting")).toContain("{companyName}");
    expect(textFor(options, "main.title")).toBe("Hello");
  });

  it("uses the lender's data type wording when given", () => {
    const [accounting] = sourceTypeSteps();
    expect(dataTypesFor({ text: { "accounting.dataAccess.dataTypes": ["Invoices", "Bills"] } }, accounting, ["x"]))
      .toEqual(["Invoices", "Bills"]);
    expect(dataTypesFor({}, accounting, ["invoices"])).toEqual(["invoices"]);
  });
});

describe("safeColor", () => {
  it("accepts colours and refuses anything else", () => {
    expect(safeColor("#0a7")).toBe("#0a7");
    expect(safeColor("rgb(10, 20, 30)")).toBe("rgb(10, 20, 30)");
    expect(safeColor("red")).toBe("red");
    expect(safeColor("url(https://evil.example/x)")).toBeNull();
    expect(safeColor("red; background: url(x)")).toBeNull();
  });
});

describe("props", () => {
  it("accepts a CodatLinkProps-shaped object", () => {
    const props: CodatLinkProps = {
      companyId: "c", accessToken: "t", onConnection: () => undefined, onFinish: () => undefined,
      onError: () => undefined, options: { showLandingPage: true, theme: { colors: { primary: "#123456" } } },
    };
    const same: LinkProps = props;
    expect(same.companyId).toBe("c");
  });
});
