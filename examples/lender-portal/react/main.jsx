// The React page: the same two journeys with <BridgekeeperLink> and <BridgekeeperConnections>.

import { StrictMode, useCallback, useState } from "react";
import { createRoot } from "react-dom/client";
import { BridgekeeperConnections, BridgekeeperLink } from "@bridgekeeper/link-react";
import { JOURNEYS, describe, startSession } from "../public/journeys.js";

window.portalEvents = [];

function saved() {
  try {
    return JSON.parse(sessionStorage.getItem("portal-react-session") ?? "null");
  } catch {
    return null;
  }
}

function App() {
  const [session, setSession] = useState(() => {
    // back from the platform in this same tab: show the journey again so it can pick up where it was
    const back = new URLSearchParams(location.search).has("statusCode");
    return back ? saved() : null;
  });
  const [managing, setManaging] = useState(false);
  const [events, setEvents] = useState([]);
  const log = useCallback((name) => (args) => {
    window.portalEvents.push(args === undefined ? [name] : [name, args]);
    setEvents((list) => [...list, describe(name, args)]);
  }, []);

  const start = async (journey) => {
    const next = await startSession(journey, saved()?.companyId);
    sessionStorage.setItem("portal-react-session", JSON.stringify(next));
    setManaging(false);
    setSession(next);
  };
  const manage = () => {
    setSession(saved());
    setManaging(true);
  };

  const journey = session ? JOURNEYS[session.journey] : null;
  return (
    <>
      <header className="bank"><strong>Northwind Bank</strong> <span>React page</span> <a href="/vanilla.html">Vanilla JavaScript page</a></header>
      <main className="portal">
        <div>
          <h1>{journey ? journey.title : "Choose a journey"}</h1>
          <p>{journey ? journey.intro : "Each journey asks for different data."}</p>
          <div className="journeys">
            {Object.entries(JOURNEYS).map(([key, j]) => (
              <button key={key} type="button" aria-pressed={session?.journey === key && !managing}
                onClick={() => start(key)}>{j.title}</button>
            ))}
          </div>
          {session && !managing && (
            <BridgekeeperLink key={`${session.companyId}:${session.journey}`} companyId={session.companyId}
              accessToken={session.accessToken} baseUrl={session.bridgekeeperUrl} options={journey.options}
              onConnectionStarted={log("onConnectionStarted")} onConsent={log("onConsent")}
              onConnection={log("onConnection")} onError={log("onError")}
              onFinish={() => { log("onFinish")(); setManaging(true); }} />
          )}
          {(saved() || session) && !managing && (
            <p><button type="button" className="manage" onClick={manage}>Manage your connections</button></p>
          )}
          {managing && session && (
            <BridgekeeperConnections companyId={session.companyId} accessToken={session.accessToken}
              baseUrl={session.bridgekeeperUrl} onDisconnect={log("onDisconnect")}
              onReconnect={log("onReconnect")} onError={log("onError")} />
          )}
        </div>
        <section className="log" aria-labelledby="log-title">
          <h2 id="log-title">Callbacks, as they fire</h2>
          <ol id="events">{events.map((e, i) => <li key={i}>{e}</li>)}</ol>
        </section>
      </main>
    </>
  );
}

createRoot(document.getElementById("root")).render(<StrictMode><App /></StrictMode>);
document.documentElement.dataset.ready = "true";
