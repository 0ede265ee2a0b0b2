/**
 * Magic links: a single-use sign-in link valid 5 minutes, whose first use signs the owner of the address up,
 * with the stored format of its verification row.
 */
package dev.trellis.application.auth.magiclink;
