/**
 * The one secret shared with a Better Auth server, resolved once: configured, or generated once and
 * kept in the data folder when the embedded database runs.
 */
package dev.trellis.adapter.web.auth.out.secret;
