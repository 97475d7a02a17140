// Northwind Bank, an example lender portal: the pages (vanilla JavaScript and React) and the small
// back end every lender needs — it holds the Bridgekeeper API key, creates the company and hands the
// page a company access token. Nothing here is Bridgekeeper code; it is what a lender writes.
//
//   BRIDGEKEEPER_URL=http://localhost:8080 BRIDGEKEEPER_API_KEY=... node examples/lender-portal/server.mjs
//
// Then open http://localhost:3000/. The React page needs `npm run build` in frontend/ first (it
// builds dist/). The browser tests in contract-test/ start this same server on a free port.

import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css",
  ".png": "image/png", ".svg": "image/svg+xml" };
const NAMES = { onboarding: "Northwind Onboarding Ltd", lending: "Northwind Borrower Ltd" };

/** Starts the portal; resolves to { url, close }. */
export async function startLenderPortal({ bridgekeeperUrl, apiKey, port = 0, host = "127.0.0.1" }) {
  const auth = "Basic " + Buffer.from(apiKey).toString("base64");
  const bridgekeeper = async (method, path, body) => {
    const response = await fetch(bridgekeeperUrl + path, { method,
      headers: { Authorization: auth, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) {
      throw new Error(`${method} ${path} -> ${response.status} ${await response.text()}`);
    }
    return response.json();
  };

  /** The lender's session endpoint: a company for the customer (new, or the one they already have) and its token. */
  async function session(request) {
    const chunks = [];
    for await (const chunk of request) {
      chunks.push(chunk);
    }
    const { journey, companyId } = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    if (!NAMES[journey]) {
      return [400, { error: "journey must be onboarding or lending" }];
    }
    const company = companyId && /^[0-9a-f-]{36}$/.test(companyId)
      ? await bridgekeeper("GET", `/companies/${companyId}`)
      : await bridgekeeper("POST", "/companies", { name: NAMES[journey] });
    const { accessToken } = await bridgekeeper("GET", `/companies/${company.id}/accessToken`);
    return [200, { journey, companyId: company.id, accessToken, bridgekeeperUrl }];
  }

  async function file(pathname) {
    let path;
    if (pathname === "/" || pathname === "/vanilla.html") {
      path = join(HERE, "public/vanilla.html");
    } else if (pathname === "/react" || pathname === "/react/") {
      path = join(HERE, "dist/index.html");
    } else if (pathname.startsWith("/react/")) {
      path = join(HERE, "dist", normalize(pathname.slice("/react/".length)).replace(/^(\.\.[/\\])+/, ""));
    } else {
      path = join(HERE, "public", normalize(pathname).replace(/^(\.\.[/\\])+/, ""));
    }
    if (!path.startsWith(HERE)) {
      return null;
    }
    let body = await readFile(path).catch(() => null);
    if (body && path.endsWith("vanilla.html")) {
      body = Buffer.from(body.toString("utf8").replaceAll("{{BRIDGEKEEPER_URL}}", bridgekeeperUrl));
    }
    return body && { body, type: TYPES[extname(path)] ?? "application/octet-stream" };
  }

  const server = createServer(async (request, response) => {
    try {
      const { pathname } = new URL(request.url, "http://portal");
      if (request.method === "POST" && pathname === "/api/session") {
        const [status, body] = await session(request);
        response.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
        response.end(JSON.stringify(body));
        return;
      }
      const found = request.method === "GET" ? await file(pathname) : null;
      if (!found) {
        response.writeHead(404, { "Content-Type": "text/plain" });
        response.end("Not found");
        return;
      }
      response.writeHead(200, { "Content-Type": found.type, "Cache-Control": "no-store" });
      response.end(found.body);
    } catch (error) {
      response.writeHead(502, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error: error.message }));
    }
  });
  await new Promise((listening) => server.listen(port, host, listening));
  return {
    url: `http://${host}:${server.address().port}`,
    close: () => new Promise((closed) => server.close(closed)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const apiKey = process.env.BRIDGEKEEPER_API_KEY;
  if (!apiKey) {
    console.error("Set BRIDGEKEEPER_API_KEY (and BRIDGEKEEPER_URL if Bridgekeeper is not at http://localhost:8080).");
    process.exit(1);
  }
  const portal = await startLenderPortal({ bridgekeeperUrl: process.env.BRIDGEKEEPER_URL ?? "http://localhost:8080",
    apiKey, port: Number(process.env.PORT ?? 3000), host: "localhost" });
  console.log(`Northwind Bank portal at ${portal.url}/ (React page at ${portal.url}/react/)`);
}
