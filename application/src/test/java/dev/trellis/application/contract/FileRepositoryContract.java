package dev.trellis.application.contract;

import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.StaleVersion;
import dev.trellis.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class FileRepositoryContract extends PortContract {

    @Test
    void a_file_reads_back_with_every_field() {
        User owner = aUser();
        Item item = anItem(owner, "With file");
        StoredFile file = newFile(owner, item, "photo.png");

        long version = ports.files().add(file);

        StoredFile stored = ports.files().findById(file.id()).orElseThrow();
        assertThat(stored).isEqualTo(new StoredFile(file.id(), owner.id(), item.id(), "photo.png", file.storageKey(),
                null, 1234, file.mimeType(), file.createdAt(), version));
        assertThat(ports.files().findById(FileId.generate())).isEmpty();
    }

    @Test
    void lists_by_owner_newest_first_and_by_item_oldest_first() {
        User owner = aUser();
        User other = aUser();
        Item item = anItem(owner, "Item");
        StoredFile first = newFile(owner, item, "1.png");
        StoredFile second = newFile(owner, null, "2.png");
        StoredFile third = newFile(owner, item, "3.png");
        ports.files().add(third);
        ports.files().add(first);
        ports.files().add(second);
        ports.files().add(newFile(other, null, "theirs.png"));

        assertThat(ports.files().findByOwner(owner.id())).extracting(StoredFile::filename).containsExactly("3.png", "2.png", "1.png");
        assertThat(ports.files().findByItem(item.id())).extracting(StoredFile::filename).containsExactly("1.png", "3.png");
    }

    @Test
    void attach_and_detach_with_a_version_check() {
        User owner = aUser();
        Item item = anItem(owner, "Target");
        StoredFile file = newFile(owner, null, "a.png");
        long v0 = ports.files().add(file);
        StoredFile loaded = ports.files().findById(file.id()).orElseThrow();

        long v1 = ports.files().update(loaded.attachTo(item.id()));
        assertThat(ports.files().findById(file.id()).orElseThrow().item()).isEqualTo(item.id());
        long v2 = ports.files().update(ports.files().findById(file.id()).orElseThrow().attachTo(null));
        assertThat(ports.files().findById(file.id()).orElseThrow().item()).isNull();

        assertThat(v1).isEqualTo(v0 + 1);
        assertThat(v2).isEqualTo(v1 + 1);
        assertThatThrownBy(() -> ports.files().update(loaded.attachTo(item.id()))).isInstanceOf(StaleVersion.class);
    }

    @Test
    void unknown_owner_or_item_is_a_missing_reference_and_storage_keys_are_unique() {
        User owner = aUser();
        StoredFile file = newFile(owner, null, "a.png");
        ports.files().add(file);
        StoredFile sameKey = new StoredFile(FileId.generate(), owner.id(), null, "b.png", file.storageKey(), null, 1,
                file.mimeType(), tick(), 0);
        StoredFile unknownItem = StoredFile.create(FileId.generate(), owner.id(), ItemId.generate(), "c.png", "k/c", null, 1,
                file.mimeType(), tick());

        assertThatThrownBy(() -> ports.files().add(sameKey)).isInstanceOf(DataAccessFailure.DuplicateValue.class);
        assertThatThrownBy(() -> ports.files().add(unknownItem)).isInstanceOf(DataAccessFailure.MissingReference.class);
    }

    @Test
    void remove_deletes_the_row() {
        User owner = aUser();
        StoredFile file = newFile(owner, null, "a.png");
        ports.files().add(file);

        assertThat(ports.files().remove(file.id())).isTrue();
        assertThat(ports.files().findById(file.id())).isEmpty();
        assertThat(ports.files().remove(file.id())).isFalse();
    }
}
