package dev.trellis.domain.item;

import dev.trellis.domain.file.StoredFile;

import java.util.List;

/** An item and the files attached to it, oldest first. */
public record ItemWithFiles(Item item, List<StoredFile> files) {

    public ItemWithFiles {
        files = List.copyOf(files);
    }
}
