package dev.trellis.application.contract;

import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.MimeType;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.item.ItemTitle;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.tag.TagColor;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagName;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * What every contract test needs: the ports of an empty store and small builders. Subclasses give
 * the store: in-memory fakes in {@code application}, PostgreSQL in {@code adapters-persistence}.
 */
public abstract class PortContract {

    protected Ports ports;
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");
    private int sequence;

    /** Ports over a store with no rows in it. */
    protected abstract Ports emptyStore();

    @BeforeEach
    void openEmptyStore() {
        ports = emptyStore();
    }

    /** A later instant on each call (microsecond precision, as PostgreSQL keeps). */
    protected Instant tick() {
        clock = clock.plus(1, ChronoUnit.SECONDS).plus(123_456, ChronoUnit.MICROS).truncatedTo(ChronoUnit.MICROS);
        return clock;
    }

    protected User aUser() {
        int n = ++sequence;
        User user = User.register(UserId.generate(), "User " + n, new EmailAddress("user" + n + "@example.com"), false, tick());
        ports.users().add(user);
        return user;
    }

    protected Tag aTag(String name) {
        Tag tag = Tag.create(TagId.generate(), new TagName(name), new TagColor("#123abc"), null, tick());
        long version = ports.tags().add(tag);
        return new Tag(tag.id(), tag.name(), tag.color(), tag.createdBy(), tag.createdAt(), version);
    }

    protected Item newItem(User owner, String title, Tag... tags) {
        return Item.create(ItemId.generate(), owner.id(), new ItemTitle(title), "about " + title, null,
                ItemStatus.DRAFT, null, Arrays.stream(tags).map(Tag::id).toList(), tick());
    }

    protected Item anItem(User owner, String title, Tag... tags) {
        Item item = newItem(owner, title, tags);
        ports.items().add(item);
        return ports.items().findById(item.id()).orElseThrow();
    }

    protected StoredFile newFile(User owner, Item item, String name) {
        FileId id = FileId.generate();
        return StoredFile.create(id, owner.id(), item == null ? null : item.id(), name, "files/" + id.value(),
                null, 1234, new MimeType("image/png"), tick());
    }
}
