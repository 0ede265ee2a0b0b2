/**
 * Users with their profile and settings (theme, language, time zone), and the checked values they are made of.
 */
package dev.trellis.domain.user;
