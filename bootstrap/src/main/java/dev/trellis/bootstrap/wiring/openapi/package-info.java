/**
 * The OpenAPI description springdoc builds from the controllers (/v3/api-docs, /swagger-ui.html),
 * with how a caller signs in: Better Auth's session cookie or the same token as a bearer.
 */
package dev.trellis.bootstrap.wiring.openapi;
