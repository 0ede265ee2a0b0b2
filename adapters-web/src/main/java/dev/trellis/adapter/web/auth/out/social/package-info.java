/**
 * The social sign-in providers, as Spring Security's OAuth 2.0 client registrations, behind the
 * application's social-provider port.
 */
package dev.trellis.adapter.web.auth.out.social;
