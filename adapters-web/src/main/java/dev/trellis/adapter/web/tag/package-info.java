/**
 * The REST resource of the shared tag vocabulary ({@code /api/tags}).
 */
package dev.trellis.adapter.web.tag;
