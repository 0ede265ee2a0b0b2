/**
 * Sessions after sign-in: who a session token names (sliding its expiry once a day of use), listing and
 * revoking one's sessions, signing out, and purging expired session and verification rows.
 */
package dev.trellis.application.auth.session;
