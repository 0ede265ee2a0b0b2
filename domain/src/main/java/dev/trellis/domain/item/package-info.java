/**
 * The item aggregate: its title, status and allowed transitions, its tags and files by id, and the
 * cursor-paged queries the list endpoint runs through {@link dev.trellis.domain.item.ItemRepository}.
 */
package dev.trellis.domain.item;
