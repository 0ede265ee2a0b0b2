/**
 * The signed-in user's own record, profile and settings: view it, change the profile, change the
 * settings; a change to either is one {@code user.updated} carrying the whole record.
 */
package dev.trellis.application.user;
