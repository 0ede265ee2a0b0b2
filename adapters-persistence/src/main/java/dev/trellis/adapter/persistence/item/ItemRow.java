package dev.trellis.adapter.persistence.item;

import dev.trellis.domain.item.ItemStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;
import java.util.Set;

/** The {@code items} aggregate as Spring Data JDBC writes it: the row and its {@code item_tags} links. */
@Table("items")
record ItemRow(@Id String id, @Version Long version, String userId, String title, String description,
               String content, ItemStatus status, String imageUrl, Instant createdAt, Instant updatedAt,
               @MappedCollection(idColumn = "item_id") Set<ItemTagRow> tags) {
}
