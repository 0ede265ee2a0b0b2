/**
 * Better Auth's scrypt password hash, byte for byte, implementing the application's password port.
 */
package dev.trellis.adapter.web.auth.out.password;
