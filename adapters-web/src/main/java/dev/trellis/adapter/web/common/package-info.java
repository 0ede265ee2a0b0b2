/**
 * Helpers the REST resources share: the signed-in caller with the request's trace context, partial
 * updates read from JSON, and versions as entity tags ({@code ETag}, {@code If-Match}).
 */
package dev.trellis.adapter.web.common;
