// The vanilla page: the lender's back end hands over a company access token, then two calls put
// Bridgekeeper on the page — initializeLink for the journey, initializeConnections for managing.

import { JOURNEYS, describe, startSession } from "/journeys.js";

const server = document.documentElement.dataset.bridgekeeper;
const { initializeLink } = await import(`${server}/link/sdk.js`);
const { initializeConnections } = await import(`${server}/link/connections.js`);

window.portalEvents = [];
const log = (name) => (args) => {
  window.portalEvents.push(args === undefined ? [name] : [name, args]);
  const item = document.createElement("li");
  item.textContent = describe(name, args);
  document.getElementById("events").append(item);
};

function remember(session) {
  sessionStorage.setItem("portal-session", JSON.stringify(session));
  document.getElementById("manage").hidden = false;
}

function saved() {
  try {
    return JSON.parse(sessionStorage.getItem("portal-session") ?? "null");
  } catch {
    return null;
  }
}

async function openJourney(session) {
  const journey = JOURNEYS[session.journey];
  document.getElementById("journey-title").textContent = journey.title;
  document.getElementById("journey-intro").textContent = journey.intro;
  for (const button of document.querySelectorAll("[data-journey]")) {
    button.setAttribute("aria-pressed", String(button.dataset.journey === session.journey));
  }
  document.getElementById("connections").replaceChildren();
  await initializeLink(document.getElementById("link"), {
    companyId: session.companyId,
    accessToken: session.accessToken,
    onConnectionStarted: log("onConnectionStarted"),
    onConsent: log("onConsent"),
    onConnection: log("onConnection"),
    onError: log("onError"),
    onFinish: () => {
      log("onFinish")();
      void openConnections(session);
    },
    options: journey.options,
  });
}

async function openConnections(session) {
  document.getElementById("link").replaceChildren();
  await initializeConnections(document.getElementById("connections"), {
    companyId: session.companyId,
    accessToken: session.accessToken,
    onDisconnect: log("onDisconnect"),
    onReconnect: log("onReconnect"),
    onError: log("onError"),
  });
}

for (const button of document.querySelectorAll("[data-journey]")) {
  button.addEventListener("click", async () => {
    const session = await startSession(button.dataset.journey, saved()?.companyId);
    remember(session);
    await openJourney(session);
  });
}

document.getElementById("manage").addEventListener("click", () => openConnections(saved()));

// back from the platform in this same tab (popup blocked): mount the journey again and it picks up where it was
const session = saved();
if (session) {
  document.getElementById("manage").hidden = false;
  if (new URLSearchParams(location.search).has("statusCode")) {
    // a reconnect from the manage-connections list left its note; otherwise it was the journey
    const reconnecting = sessionStorage.getItem(`bridgekeeper-connections:${session.companyId}`);
    await (reconnecting ? openConnections(session) : openJourney(session));
  }
}
document.documentElement.dataset.ready = "true";
