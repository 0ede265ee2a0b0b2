/**
 * Better Auth's error body {@code {message, code}} and the mapping of failures to it with Better
 * Auth's statuses. Used by the web adapter's error room for every route under {@code /api/auth}.
 */
package dev.trellis.adapter.web.auth.in.error;
