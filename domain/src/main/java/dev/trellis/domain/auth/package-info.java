/**
 * Better Auth's stored records (session, account, verification) as the domain sees them, with the
 * repositories the auth flows use. The rows follow Better Auth's own tables so that both servers share them.
 */
package dev.trellis.domain.auth;
