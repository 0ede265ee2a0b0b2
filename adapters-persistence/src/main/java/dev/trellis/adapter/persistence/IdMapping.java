package dev.trellis.adapter.persistence;

import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.MimeType;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.tag.TagColor;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagName;
import dev.trellis.domain.shared.UserId;

/** Column ↔ value-object conversions that MapStruct mappers share; {@code null} maps to {@code null}. */
public final class IdMapping {

    private IdMapping() {
    }

    public static UserId userId(String value) { return value == null ? null : new UserId(value); }
    public static String userId(UserId id) { return id == null ? null : id.value(); }
    public static ItemId itemId(String value) { return value == null ? null : new ItemId(value); }
    public static String itemId(ItemId id) { return id == null ? null : id.value(); }
    public static TagId tagId(String value) { return value == null ? null : new TagId(value); }
    public static String tagId(TagId id) { return id == null ? null : id.value(); }
    public static FileId fileId(String value) { return value == null ? null : new FileId(value); }
    public static String fileId(FileId id) { return id == null ? null : id.value(); }
    public static TagName tagName(String value) { return value == null ? null : new TagName(value); }
    public static String tagName(TagName name) { return name == null ? null : name.value(); }
    public static TagColor tagColor(String value) { return value == null ? null : new TagColor(value); }
    public static String tagColor(TagColor color) { return color == null ? null : color.value(); }
    public static MimeType mimeType(String value) { return value == null ? null : new MimeType(value); }
    public static String mimeType(MimeType type) { return type == null ? null : type.value(); }
}
