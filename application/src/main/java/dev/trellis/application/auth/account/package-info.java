/**
 * The signed-in user's own account: the ways they sign in (listed and unlinked, never the last), their name
 * and image, and deleting the user.
 */
package dev.trellis.application.auth.account;
