/**
 * The steps a plugin adds to Better Auth's core endpoints, so that those endpoints know the step and
 * not the plugin: the second factor a password sign-in may owe ({@code SecondFactorStep}).
 */
package dev.trellis.adapter.web.auth.in.plugin;
