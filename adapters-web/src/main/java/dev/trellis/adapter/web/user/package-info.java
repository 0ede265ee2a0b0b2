/**
 * The REST resource of the signed-in user: profile and settings ({@code /api/me}).
 */
package dev.trellis.adapter.web.user;
