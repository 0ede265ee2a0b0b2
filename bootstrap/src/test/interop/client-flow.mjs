// Better Auth's own client (createAuthClient from better-auth/client) against a server, for
// BetterAuthInteropTest: two "devices" with their own cookie jars, each sending an Origin header
// as a browser page on the server's origin would.
//
// Environment: AUTH_URL (the server's base URL, e.g. http://localhost:8080), EMAIL, PASSWORD,
// ORIGIN (default: AUTH_URL's origin). Prints each step as it goes to standard error, and the
// report as one JSON line on standard output: {"steps":{name:{status,data,error,requests}}}.
import "./polyfills.mjs";
import { createAuthClient } from "better-auth/client";
import { jwtClient } from "better-auth/client/plugins";

const baseURL = process.env.AUTH_URL;
const email = process.env.EMAIL;
const password = process.env.PASSWORD;
if (!baseURL || !email || !password) {
  console.error("AUTH_URL, EMAIL and PASSWORD must be set");
  process.exit(2);
}
const origin = process.env.ORIGIN ?? new URL(baseURL).origin;

function device(name) {
  const jar = new Map();
  const requests = [];
  const customFetchImpl = async (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("origin", origin);
    if (jar.size > 0) {
      headers.set("cookie", [...jar].map(([cookie, value]) => `${cookie}=${value}`).join("; "));
    }
    const response = await fetch(input, { ...init, headers });
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    requests.push({ method: init.method ?? "GET", path: url.pathname, status: response.status });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = setCookie.split(";");
      const cookie = pair.slice(0, pair.indexOf("=")).trim();
      const value = pair.slice(pair.indexOf("=") + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute));
      if (expired || value === "") jar.delete(cookie);
      else jar.set(cookie, value);
    }
    return response;
  };
  const client = createAuthClient({ baseURL, fetchOptions: { customFetchImpl }, plugins: [jwtClient()] });
  return { name, client, jar, requests };
}

const report = { baseURL, origin, email, steps: {} };

/** Runs one client call; records its HTTP status (the first request it made), data and error. */
async function step(name, on, call, summarise = (data) => data) {
  const before = on.requests.length;
  const result = await call(on.client);
  const made = on.requests.slice(before);
  const entry = {
    device: on.name,
    status: made[0]?.status ?? null,
    data: result.data == null ? null : summarise(result.data),
    error: result.error ? { status: result.error.status, code: result.error.code ?? null, message: result.error.message ?? null } : null,
    requests: made,
    cookies: [...on.jar.keys()],
  };
  report.steps[name] = entry;
  console.error(`${name}: ${JSON.stringify(entry)}`);
  return result;
}

const user = (u) => u && { id: u.id, email: u.email, name: u.name, emailVerified: u.emailVerified };
const sessionAndUser = (d) => ({ token: d.session?.token, userId: d.session?.userId, user: user(d.user) });

const laptop = device("laptop");
const phone = device("phone");
try {
  await step("signUp", laptop, (c) => c.signUp.email({ name: "Interop Client", email, password }),
    (d) => ({ token: d.token, user: user(d.user) }));
  await step("getSession", laptop, (c) => c.getSession(), sessionAndUser);
  await step("signOut", laptop, (c) => c.signOut());
  await step("getSessionAfterSignOut", laptop, (c) => c.getSession(), sessionAndUser);
  await step("signInWrongPassword", laptop, (c) => c.signIn.email({ email, password: password + "-wrong" }),
    (d) => ({ token: d.token }));
  await step("signIn", laptop, (c) => c.signIn.email({ email, password }), (d) => ({ token: d.token, user: user(d.user) }));
  const other = await step("signInOnPhone", phone, (c) => c.signIn.email({ email, password }),
    (d) => ({ token: d.token, user: user(d.user) }));
  await step("listSessions", laptop, (c) => c.listSessions(), (list) => list.map((s) => s.token));
  await step("revokeSession", laptop, (c) => c.revokeSession({ token: other.data?.token ?? "missing" }));
  await step("phoneGetSessionAfterRevoke", phone, (c) => c.getSession(), sessionAndUser);
  await step("listSessionsAfterRevoke", laptop, (c) => c.listSessions(), (list) => list.map((s) => s.token));
  // the jwt plugin: the key set, a token for the session, and the set-auth-jwt header of get-session
  await step("jwks", laptop, (c) => c.jwks(), (d) => d.keys.map(({ kid, alg, crv, kty }) => ({ kid, alg, crv, kty })));
  await step("token", laptop, (c) => c.$fetch("/token"), (d) => ({ token: d.token }));
  let setAuthJwt = null;
  await step("getSessionJwt", laptop, (c) => c.getSession({
    fetchOptions: { onSuccess: (context) => { setAuthJwt = context.response.headers.get("set-auth-jwt"); } },
  }), () => ({ setAuthJwt }));
} catch (error) {
  console.error(error?.stack ?? String(error));
  report.failure = String(error?.stack ?? error);
  console.log(JSON.stringify(report));
  process.exit(1);
}
console.log(JSON.stringify(report));
