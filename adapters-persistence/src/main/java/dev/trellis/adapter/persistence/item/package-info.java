/**
 * Items with their tag links (items, item_tags): Spring Data JDBC for writes, hand-written SQL in a
 * fixed number of statements for reads with relations.
 */
package dev.trellis.adapter.persistence.item;
