/**
 * Servlet filters that run before any controller: the caller's session from cookie or bearer token,
 * Better Auth's origin check against CSRF, its rate limits, and the body size limit of {@code /api/auth}.
 */
package dev.trellis.adapter.web.auth.in.filter;
