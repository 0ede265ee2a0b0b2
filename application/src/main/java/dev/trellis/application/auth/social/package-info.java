/**
 * Social sign-in over OAuth 2.0 / OpenID Connect: starting at the provider, the callback, and what a
 * provider's user becomes (signed in, signed up or linked); with the provider and OAuth state ports and the
 * single-use state kept between redirect and callback.
 */
package dev.trellis.application.auth.social;
