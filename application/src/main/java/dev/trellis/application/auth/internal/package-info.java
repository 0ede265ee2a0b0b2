/**
 * What the auth flows share inside: opening sessions, random tokens, single-use verification rows,
 * resolving the owner of a proven address, setting a credential password. Only auth's own flows use it
 * (and the wiring that builds them); no other feature reaches in here.
 */
package dev.trellis.application.auth.internal;
