/** The profile feature's wiring: the signed-in user's own record, profile and settings use cases as beans. */
package dev.trellis.bootstrap.wiring.user;
