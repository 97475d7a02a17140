// Links a Bridgekeeper connection the way a customer would, over plain HTTP: the linkUrl, the sandbox's
// sign-in and consent pages (with their session cookie and CSRF field), and Bridgekeeper's callback.

import assert from "node:assert/strict";

/** Follows `linkUrl` through the sandbox as `username` (password pass_good) and allows access. */
export async function linkThroughSandbox(baseUrl, linkUrl, username) {
  const cookies = new Map();
  const go = async (url, init = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers ?? {}), Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(";")[0];
      cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
    return response;
  };
  const post = (url, fields) => go(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  const absolute = (location) => new URL(location, baseUrl).toString();
  // follows redirects while they stay on the sandbox's pages; returns the last answer and where it points
  const follow = async (response) => {
    while ([301, 302, 303].includes(response.status)) {
      const location = absolute(response.headers.get("location"));
      if (!location.startsWith(`${baseUrl}/sandbox`)) {
        return { response, location };
      }
      response = await go(location);
    }
    return { response };
  };
  const unescape = (value) => value.replaceAll("&amp;", "&").replaceAll("&quot;", '"');
  const csrf = (html) => unescape(html.match(/name="_csrf" value="([^"]*)"/)[1]);

  const signIn = await (await follow(await go(linkUrl))).response.text();
  const consent = await (await follow(await post(`${baseUrl}/sandbox/login`,
    { username, password: "pass_good", _csrf: csrf(signIn) }))).response.text();
  assert.match(consent, /Allow access/);
  const fields = Object.fromEntries([...consent.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
    .map((m) => [m[1], unescape(m[2])]));
  fields.scope = consent.match(/name="scope" value="([^"]+)"/)[1];
  const action = absolute(unescape(consent.match(/<form method="post" action="([^"]*oauth2\/authorize)"/)[1]));
  const { location } = await follow(await post(action, fields));
  assert.ok(location?.startsWith(`${baseUrl}/oauth/callback`), `back at the callback (got ${location})`);
  const back = await go(location);
  assert.ok(back.status < 400, `the callback accepted the answer (${back.status})`);
}
