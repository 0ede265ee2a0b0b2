/**
 * Better Auth's endpoints under {@code /api/auth}, one controller per plugin or group of flows
 * (email and password with sessions, email flows, email one-time codes, magic links, social sign-in, JWTs),
 * with its paths, bodies and JSON shapes ({@code AuthJson}); the request checks they share
 * ({@code AuthRequests}) and the redirect targets ({@code CallbackUrls}).
 */
package dev.trellis.adapter.web.auth.in.endpoint;
