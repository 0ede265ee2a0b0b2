package dev.trellis.domain.item;

import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.Text;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.shared.UserId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An item a user owns, with the ids of its tags. Every change goes through a method that guards
 * its rule and moves {@code updatedAt}; the status follows {@link ItemStatus#next()}.
 * {@code version} is the stored version this state was read at (0 before the first save).
 */
public final class Item {

    public static final int MAX_DESCRIPTION_LENGTH = 2_000;
    public static final int MAX_CONTENT_LENGTH = 100_000;

    private final ItemId id;
    private final UserId owner;
    private ItemTitle title;
    private String description;
    private String content;
    private ItemStatus status;
    private WebUrl imageUrl;
    private final Instant createdAt;
    private Instant updatedAt;
    private final Set<TagId> tags;
    private final long version;

    private Item(ItemId id, UserId owner, ItemTitle title, String description, String content, ItemStatus status,
                 WebUrl imageUrl, Instant createdAt, Instant updatedAt, Collection<TagId> tags, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.title = Objects.requireNonNull(title, "title");
        this.description = Text.optional("description", description, MAX_DESCRIPTION_LENGTH);
        this.content = Text.optional("content", content, MAX_CONTENT_LENGTH);
        this.status = Objects.requireNonNull(status, "status");
        this.imageUrl = imageUrl;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.tags = new LinkedHashSet<>(tags);
        this.version = version;
    }

    /** A new item; its first status may be any of the three (a status change is what has rules). */
    public static Item create(ItemId id, UserId owner, ItemTitle title, String description, String content,
                              ItemStatus status, WebUrl imageUrl, Collection<TagId> tags, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new Item(id, owner, title, description, content, status == null ? ItemStatus.DRAFT : status,
                imageUrl, at, at, tags, 0);
    }

    /** An item as storage holds it. */
    public static Item restore(ItemId id, UserId owner, ItemTitle title, String description, String content,
                               ItemStatus status, WebUrl imageUrl, Instant createdAt, Instant updatedAt,
                               Collection<TagId> tags, long version) {
        return new Item(id, owner, title, description, content, status, imageUrl, createdAt, updatedAt, tags, version);
    }

    public void retitle(ItemTitle newTitle, Instant now) {
        this.title = Objects.requireNonNull(newTitle, "title");
        touch(now);
    }

    public void describe(String newDescription, Instant now) {
        this.description = Text.optional("description", newDescription, MAX_DESCRIPTION_LENGTH);
        touch(now);
    }

    public void rewrite(String newContent, Instant now) {
        this.content = Text.optional("content", newContent, MAX_CONTENT_LENGTH);
        touch(now);
    }

    public void illustrate(WebUrl newImageUrl, Instant now) {
        this.imageUrl = newImageUrl;
        touch(now);
    }

    /** Moves to {@code target}; the same status is a no-op, anything not in {@link ItemStatus#next()} is refused. */
    public void changeStatus(ItemStatus target, Instant now) {
        Objects.requireNonNull(target, "status");
        if (target == status) {
            return;
        }
        if (!status.canBecome(target)) {
            throw new IllegalStatusTransition(id, status, target);
        }
        this.status = target;
        touch(now);
    }

    /** Returns false when the tag was already attached. */
    public boolean attach(TagId tag, Instant now) {
        boolean added = tags.add(Objects.requireNonNull(tag, "tag"));
        if (added) {
            touch(now);
        }
        return added;
    }

    /** Returns false when the tag was not attached. */
    public boolean detach(TagId tag, Instant now) {
        boolean removed = tags.remove(tag);
        if (removed) {
            touch(now);
        }
        return removed;
    }

    public boolean isOwnedBy(UserId user) {
        return owner.equals(user);
    }

    private void touch(Instant now) {
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    public ItemId id() { return id; }
    public UserId owner() { return owner; }
    public ItemTitle title() { return title; }
    public String description() { return description; }
    public String content() { return content; }
    public ItemStatus status() { return status; }
    public WebUrl imageUrl() { return imageUrl; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public Set<TagId> tags() { return Collections.unmodifiableSet(tags); }
    public long version() { return version; }

    @Override
    public String toString() {
        return "Item[" + id + ", " + title + ", " + status.code() + ", v" + version + "]";
    }
}
