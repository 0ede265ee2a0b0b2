/**
 * Servlet filters that run before any controller: the caller's session from cookie or bearer token,
 * Better Auth's origin check against CSRF, its rate limits, the body size limit of {@code /api/auth}, and the meters of sign-ins and rate-limited requests.
 */
package dev.trellis.adapter.web.auth.in.filter;
