/**
 * Better Auth's signed and encrypted tokens: the email-verification JWT and the OAuth state codec,
 * byte for byte as Better Auth writes and reads them.
 */
package dev.trellis.adapter.web.auth.out.token;
