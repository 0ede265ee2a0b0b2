/**
 * Better Auth's cookies: the signed session cookie (and its "don't remember me" marker) and the
 * OAuth state cookie, signed as Better Auth signs them so either server accepts the other's.
 */
package dev.trellis.adapter.web.auth.in.cookie;
