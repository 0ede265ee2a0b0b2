/**
 * The REST resource of the signed-in user's items ({@code /api/items}) and their JSON.
 */
package dev.trellis.adapter.web.item;
