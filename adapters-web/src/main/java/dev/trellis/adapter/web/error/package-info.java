/**
 * The one place that turns failures into response bodies ({@code ErrorAdvice}, the only controller
 * advice), chosen by route ({@code ErrorFormat}): Better Auth's shape under {@code /api/auth}, RFC 9457
 * {@code application/problem+json} with a stable {@code code} everywhere else. Filters write their
 * errors through {@code ErrorResponses} by the same rule.
 */
package dev.trellis.adapter.web.error;
