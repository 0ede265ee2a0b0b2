package dev.trellis.adapter.persistence.item;

import org.springframework.data.relational.core.mapping.Table;

/** One {@code item_tags} link, owned by its {@link ItemRow}. */
@Table("item_tags")
record ItemTagRow(String tagId) {
}
