package dev.trellis.adapter.persistence.tag;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/** A {@code tags} row. */
@Table("tags")
record TagRow(@Id String id, @Version Long version, String name, String color, String createdBy, Instant createdAt) {
}
