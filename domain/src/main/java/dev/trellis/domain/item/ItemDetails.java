package dev.trellis.domain.item;

import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.user.User;

import java.util.List;

/** An item in full: its tags (by name), its files (oldest first) and its owner. */
public record ItemDetails(Item item, List<Tag> tags, List<StoredFile> files, User owner) {

    public ItemDetails {
        tags = List.copyOf(tags);
        files = List.copyOf(files);
    }
}
