package dev.trellis.adapter.web.item;

import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.item.ItemPage;
import dev.trellis.domain.item.ItemWithTags;
import dev.trellis.domain.tag.Tag;

import java.time.Instant;
import java.util.List;

/** The JSON of items, as the REST API answers them. */
final class ItemJson {

    private ItemJson() {
    }

    record TagRef(String id, String name, String color) {
        static TagRef of(Tag tag) {
            return new TagRef(tag.id().value(), tag.name().value(), tag.color().value());
        }
    }

    record FileRef(String id, String filename, String mimeType, long size, String url, Instant createdAt) {
        static FileRef of(StoredFile file) {
            return new FileRef(file.id().value(), file.filename(), file.mimeType().value(), file.size(), file.url(), file.createdAt());
        }
    }

    record ItemBody(String id, String ownerId, String title, String description, String content, String status,
                    String imageUrl, Instant createdAt, Instant updatedAt, long version, List<TagRef> tags,
                    List<FileRef> files) {
    }

    record Page(List<ItemBody> items, String nextCursor) {
    }

    static ItemBody of(ItemDetails details) {
        return body(details.item(), details.tags(), details.files().stream().map(FileRef::of).toList());
    }

    static ItemBody of(ItemWithTags withTags) {
        return body(withTags.item(), withTags.tags(), null);
    }

    static Page of(ItemPage page) {
        return new Page(page.items().stream().map(ItemJson::of).toList(), page.next().map(cursor -> cursor.encode()).orElse(null));
    }

    private static ItemBody body(Item item, List<Tag> tags, List<FileRef> files) {
        return new ItemBody(item.id().value(), item.owner().value(), item.title().value(), item.description(), item.content(),
                item.status().code(), item.imageUrl() == null ? null : item.imageUrl().value(), item.createdAt(),
                item.updatedAt(), item.version(), tags.stream().map(TagRef::of).toList(), files);
    }
}
