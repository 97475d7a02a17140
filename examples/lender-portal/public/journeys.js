// The bank's two journeys, shared by the vanilla and the React page. Each is a set of Link options:
// which source types to ask for, which are required, and the words the customer sees.

export const JOURNEYS = {
  onboarding: {
    title: "Business account onboarding",
    intro: "Connect your current bank account so we can open your business account without paperwork.",
    options: {
      showLandingPage: true,
      theme: { colors: { primary: "#0b5cab" } },
      sourceTypes: {
        banking: { optional: false, enableIntegrations: true },
      },
      text: {
        "landing.subtitle": "Connect your bank account so {companyName} can verify your business. It takes about a minute.",
      },
    },
  },
  lending: {
    title: "Loan application",
    intro: "Share your accounts, bank and sales data and get a decision on your loan in minutes.",
    options: {
      showLandingPage: true,
      theme: { colors: { primary: "#0b5cab" } },
      sourceTypes: {
        accounting: { optional: false, enableIntegrations: true },
        banking: { optional: false, enableIntegrations: true },
        commerce: { optional: true, enableIntegrations: true },
      },
      text: {
        "commerce.label": "Revenue",
      },
    },
  },
};

/** The lender's back end: creates the company (or reuses it) and returns a company access token. */
export async function startSession(journey, companyId) {
  const response = await fetch("/api/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ journey, companyId }),
  });
  if (!response.ok) {
    throw new Error(`The portal could not start a session (${response.status}).`);
  }
  return response.json();
}

/** One line per callback, as the example pages show them. */
export function describe(name, args) {
  return args === undefined ? name : `${name} ${JSON.stringify(args)}`;
}
