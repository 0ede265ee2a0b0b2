package dev.trellis.domain.file;

import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.shared.Text;
import dev.trellis.domain.shared.UserId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A reference to uploaded bytes: who owns it, the item it is attached to (optional), the name the
 * client gave it, where storage keeps it ({@code storageKey}, made by Trellis, never by a client)
 * and what it is. Size is in bytes and fits the seed's {@code integer} column.
 */
public record StoredFile(FileId id, UserId owner, ItemId item, String filename, String storageKey, String url,
                         long size, MimeType mimeType, Instant createdAt, long version) {

    public static final int MAX_FILENAME_LENGTH = 255;

    public StoredFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        filename = Text.required("filename", filename, MAX_FILENAME_LENGTH);
        if (filename.indexOf('\0') >= 0) {
            throw new InvalidInput("filename", "filename.invalid", "must not contain NUL characters");
        }
        storageKey = Text.required("storageKey", storageKey, 1024);
        Text.optional("url", url, 2048);
        if (size < 0) {
            throw new InvalidInput("size", "size.negative", "must not be negative");
        }
        if (size > Integer.MAX_VALUE) {
            throw new InvalidInput("size", "size.too_large", "must be at most " + Integer.MAX_VALUE + " bytes");
        }
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static StoredFile create(FileId id, UserId owner, ItemId item, String filename, String storageKey,
                                    String url, long size, MimeType mimeType, Instant now) {
        return new StoredFile(id, owner, item, filename, storageKey, url, size, mimeType,
                now.truncatedTo(ChronoUnit.MICROS), 0);
    }

    /** Attaches the file to {@code newItem}, or detaches it when {@code null}. */
    public StoredFile attachTo(ItemId newItem) {
        return new StoredFile(id, owner, newItem, filename, storageKey, url, size, mimeType, createdAt, version);
    }

    public boolean isOwnedBy(UserId user) {
        return owner.equals(user);
    }
}
