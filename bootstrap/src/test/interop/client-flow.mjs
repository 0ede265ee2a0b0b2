// Better Auth's own client (createAuthClient from better-auth/client) against a server, for
// BetterAuthInteropTest: two "devices" with their own cookie jars, each sending an Origin header
// as a browser page on the server's origin would.
//
// The passkey steps run passkeyClient against a software authenticator (software-authenticator.mjs)
// installed as navigator.credentials, as a platform authenticator would answer in a browser.
//
// Environment: AUTH_URL (the server's base URL, e.g. http://localhost:8080), EMAIL, PASSWORD,
// ORIGIN (default: AUTH_URL's origin). Prints each step as it goes to standard error, and the
// report as one JSON line on standard output: {"steps":{name:{status,data,error,requests}}}.
import "./polyfills.mjs";
import { createAuthClient } from "better-auth/client";
import { jwtClient, twoFactorClient } from "better-auth/client/plugins";
import { passkeyClient } from "@better-auth/passkey/client";
import { createOTP } from "@better-auth/utils/otp";
import { base32 } from "@better-auth/utils/base32";
import { SoftwareAuthenticator } from "./software-authenticator.mjs";

const baseURL = process.env.AUTH_URL;
const email = process.env.EMAIL;
const password = process.env.PASSWORD;
if (!baseURL || !email || !password) {
  console.error("AUTH_URL, EMAIL and PASSWORD must be set");
  process.exit(2);
}
const origin = process.env.ORIGIN ?? new URL(baseURL).origin;
const authenticator = new SoftwareAuthenticator({ origin }).install();

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
  const redirects = [];
  const client = createAuthClient({ baseURL, fetchOptions: { customFetchImpl }, plugins: [jwtClient(), passkeyClient(),
    twoFactorClient({ onTwoFactorRedirect: (context) => { redirects.push(context.twoFactorMethods); } })] });
  return { name, client, jar, requests, redirects };
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
/** The current TOTP of the secret in an otpauth:// URI (Base32 of the secret's bytes). */
const totp = (uri) => createOTP(new TextDecoder().decode(base32.decode(new URL(uri).searchParams.get("secret")))).totp();
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
  // twoFactorClient, for a second user: enrol, then a sign-in owes a TOTP or a backup code; a trusted
  // device skips it next time
  const tfEmail = `2fa-${email}`;
  const [laptop2, phone2, tablet2] = ["laptop2", "phone2", "tablet2"].map(device);
  await step("twoFactorSignUp", laptop2, (c) => c.signUp.email({ name: "Two Factor", email: tfEmail, password }),
    (d) => ({ token: d.token, user: user(d.user) }));
  const enabled = await step("twoFactorEnable", laptop2, (c) => c.twoFactor.enable({ password }),
    (d) => ({ totpURI: d.totpURI, backupCodes: d.backupCodes }));
  const uri = enabled.data?.totpURI ?? "otpauth://totp/x?secret=AA";
  await step("twoFactorConfirm", laptop2, async (c) => c.twoFactor.verifyTotp({ code: await totp(uri) }),
    (d) => ({ token: d.token, user: user(d.user) }));
  await step("twoFactorSignOut", laptop2, (c) => c.signOut());
  await step("twoFactorSignIn", laptop2, (c) => c.signIn.email({ email: tfEmail, password }),
    (d) => ({ twoFactorRedirect: d.twoFactorRedirect ?? null, token: d.token ?? null, redirects: laptop2.redirects.length }));
  await step("twoFactorWrongCode", laptop2, (c) => c.twoFactor.verifyTotp({ code: "12345x" }));
  await step("twoFactorVerify", laptop2, async (c) => c.twoFactor.verifyTotp({ code: await totp(uri), trustDevice: true }),
    (d) => ({ token: d.token, user: user(d.user) }));
  await step("twoFactorGetSession", laptop2, (c) => c.getSession(), sessionAndUser);
  const backupCode = enabled.data?.backupCodes?.[0] ?? "missing";
  await step("twoFactorPhoneSignIn", phone2, (c) => c.signIn.email({ email: tfEmail, password }),
    (d) => ({ twoFactorRedirect: d.twoFactorRedirect ?? null }));
  await step("twoFactorBackupCode", phone2, (c) => c.twoFactor.verifyBackupCode({ code: backupCode }),
    (d) => ({ token: d.token, user: user(d.user) }));
  await step("twoFactorTabletSignIn", tablet2, (c) => c.signIn.email({ email: tfEmail, password }),
    (d) => ({ twoFactorRedirect: d.twoFactorRedirect ?? null }));
  await step("twoFactorBackupCodeReused", tablet2, (c) => c.twoFactor.verifyBackupCode({ code: backupCode }));
  await step("twoFactorTrustedSignOut", laptop2, (c) => c.signOut());
  await step("twoFactorTrustedSignIn", laptop2, (c) => c.signIn.email({ email: tfEmail, password }),
    (d) => ({ twoFactorRedirect: d.twoFactorRedirect ?? null, token: d.token ?? null }));
  await step("twoFactorDisable", laptop2, (c) => c.twoFactor.disable({ password }));
  // passkeyClient, for a third user: add a passkey (the authenticator refuses a second one, as the
  // options exclude it), list it, sign in with it on devices without a session; a replayed and a
  // badly signed assertion are refused
  const pkEmail = `passkey-${email}`;
  const [laptop3, phone3, tablet3] = ["laptop3", "phone3", "tablet3"].map(device);
  const passkeyRow = (p) => p && ({ id: p.id, name: p.name, userId: p.userId, credentialID: p.credentialID, counter: p.counter,
    deviceType: p.deviceType, backedUp: p.backedUp, transports: p.transports, aaguid: p.aaguid, publicKey: p.publicKey });
  await step("passkeySignUp", laptop3, (c) => c.signUp.email({ name: "Passkey User", email: pkEmail, password }),
    (d) => ({ token: d.token, user: user(d.user) }));
  await step("passkeyAdd", laptop3, (c) => c.passkey.addPasskey({ name: "Laptop key" }), passkeyRow);
  await step("passkeyAddAgain", laptop3, (c) => c.passkey.addPasskey({ name: "Same key" }), passkeyRow);
  await step("passkeyList", laptop3, (c) => c.passkey.listUserPasskeys(), (list) => list.map(passkeyRow));
  let assertion = null;
  await step("passkeySignIn", phone3, async (c) => {
    const result = await c.signIn.passkey({ returnWebAuthnResponse: true });
    assertion = result.webauthn?.response ?? null;
    return result;
  }, sessionAndUser);
  await step("passkeyGetSession", phone3, (c) => c.getSession(), sessionAndUser);
  const { clientExtensionResults, ...replayed } = assertion ?? {};
  await step("passkeyReplaySpent", phone3, (c) => c.$fetch("/passkey/verify-authentication",
    { method: "POST", body: { response: replayed } }), sessionAndUser);
  await step("passkeyFreshOptions", tablet3, (c) => c.$fetch("/passkey/generate-authenticate-options"), (d) => ({ challenge: d.challenge }));
  await step("passkeyReplayFreshChallenge", tablet3, (c) => c.$fetch("/passkey/verify-authentication",
    { method: "POST", body: { response: replayed } }), sessionAndUser);
  authenticator.corruptNextSignature = true;
  await step("passkeyBadSignature", tablet3, (c) => c.signIn.passkey(), sessionAndUser);
  await step("passkeySignInAgain", tablet3, (c) => c.signIn.passkey(), sessionAndUser);
  await step("passkeyTabletGetSession", tablet3, (c) => c.getSession(), sessionAndUser);
} catch (error) {
  console.error(error?.stack ?? String(error));
  report.failure = String(error?.stack ?? error);
  console.log(JSON.stringify(report));
  process.exit(1);
}
console.log(JSON.stringify(report));
