/**
 * Better Auth's endpoints under {@code /api/auth}, one controller per plugin or group of flows
 * (email and password with sessions, email flows, email one-time codes, magic links, social sign-in),
 * with its paths, bodies and JSON shapes ({@code AuthJson}); the request checks they share
 * ({@code AuthRequests}) and the redirect targets ({@code CallbackUrls}). The plugins with routes
 * of their own have sub-packages: {@code jwt}, {@code twofactor}, {@code passkey}.
 */
package dev.trellis.adapter.web.auth.in.endpoint;
