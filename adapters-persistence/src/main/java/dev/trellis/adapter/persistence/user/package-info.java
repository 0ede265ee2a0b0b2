/**
 * Users in Better Auth's user table with their profile and settings rows: plain SQL, since a Better
 * Auth server may write them too.
 */
package dev.trellis.adapter.persistence.user;
