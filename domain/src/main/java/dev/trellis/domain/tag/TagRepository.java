package dev.trellis.domain.tag;

import dev.trellis.domain.shared.TagId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The shared tag vocabulary. Port; adapters implement it. */
public interface TagRepository {

    /** Inserts the tag; a taken name fails with {@link dev.trellis.domain.shared.DataAccessFailure.DuplicateValue}. */
    long add(Tag tag);

    Optional<Tag> findById(TagId id);

    Optional<Tag> findByName(TagName name);

    /** The tags among {@code ids} that exist, ordered by name, in one statement. */
    List<Tag> findAllById(Collection<TagId> ids);

    /** Every tag, ordered by name. */
    List<Tag> findAll();

    /** Writes name and colour if nobody changed the tag since {@code tag.version()}; returns the new version. */
    long update(Tag tag);

    /** True when an item of a user other than {@code user} carries the tag. */
    boolean isUsedByOthersThan(TagId id, dev.trellis.domain.shared.UserId user);

    /** Deletes the tag and its links to items; false when there was none. */
    boolean remove(TagId id);
}
