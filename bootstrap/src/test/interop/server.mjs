// A real Better Auth server on Trellis's database, for BetterAuthInteropTest.
//
// Environment: DATABASE_URL (postgres://…), BETTER_AUTH_SECRET (the one Trellis has),
// TRUSTED_ORIGINS (comma-separated, e.g. Trellis's own URL), MAX_LIFETIME_SECONDS (stops by itself
// after that long; default 900), RATE_LIMIT_STORAGE ("database": Better Auth's rate limits on, counted in the
// rate_limit table Trellis shares; unset: off). Listens on a free port of 127.0.0.1 and prints one JSON line
// {"ready":true,"port":…,"baseURL":…} when it serves. Stops on SIGTERM, SIGINT, or when its
// standard input closes (the JVM that started it is gone).
import "./polyfills.mjs";
import http from "node:http";
import pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { toNodeHandler } from "better-auth/node";
import { jwt, twoFactor } from "better-auth/plugins";
import { passkey } from "@better-auth/passkey";
import * as schema from "./schema.mjs";

const required = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
};

const pool = new pg.Pool({ connectionString: required("DATABASE_URL"), max: 4 });
let handle = (request, response) => {
  response.statusCode = 503;
  response.end();
};
const server = http.createServer((request, response) => handle(request, response));
await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(0, "127.0.0.1", resolve);
});
const port = server.address().port;
const baseURL = `http://localhost:${port}`;

const auth = betterAuth({
  baseURL,
  secret: required("BETTER_AUTH_SECRET"),
  trustedOrigins: (process.env.TRUSTED_ORIGINS ?? "").split(",").map((origin) => origin.trim()).filter(Boolean),
  database: drizzleAdapter(drizzle(pool, { schema }), { provider: "pg", schema }),
  emailAndPassword: { enabled: true },
  rateLimit: process.env.RATE_LIMIT_STORAGE === "database" ? { enabled: true, storage: "database" } : { enabled: false },
  telemetry: { enabled: false },
  // their defaults: EdDSA keys in the jwks table, TOTP secrets and backup codes in two_factor, all sealed
  // with the secret; passkey: rpID the base URL's host (localhost, as Trellis's), origin the request's
  plugins: [jwt(), twoFactor(), passkey()],
});
const nodeHandler = toNodeHandler(auth);
handle = (request, response) => {
  const started = Date.now();
  response.on("finish", () =>
    console.log(`${request.method} ${request.url} -> ${response.statusCode} (${Date.now() - started} ms)`));
  nodeHandler(request, response);
};

let stopping = false;
const stop = async (why) => {
  if (stopping) return;
  stopping = true;
  console.log(`stopping: ${why}`);
  server.closeAllConnections?.();
  server.close();
  await pool.end().catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
process.stdin.on("end", () => stop("standard input closed"));
process.stdin.resume();
setTimeout(() => stop("maximum lifetime reached"), Number(process.env.MAX_LIFETIME_SECONDS ?? 900) * 1000).unref();

console.log(JSON.stringify({ ready: true, port, baseURL }));
