package dev.trellis.adapter.persistence.file;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/** A {@code files} row. */
@Table("files")
record FileRow(@Id String id, @Version Long version, @Column("user_id") String owner, @Column("item_id") String item,
               String filename, String storageKey, String url, long size, String mimeType, Instant createdAt) {
}
