package dev.trellis.application.contract;

import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.StaleVersion;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.tag.TagColor;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagName;
import dev.trellis.domain.user.User;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class TagRepositoryContract extends PortContract {

    @Test
    void a_tag_reads_back_by_id_and_by_name() {
        User creator = aUser();
        Tag tag = Tag.create(TagId.generate(), new TagName("Work"), new TagColor("#3B82F6"), creator.id(), tick());

        long version = ports.tags().add(tag);

        Tag stored = ports.tags().findById(tag.id()).orElseThrow();
        assertThat(stored).isEqualTo(new Tag(tag.id(), tag.name(), new TagColor("#3b82f6"), creator.id(), tag.createdAt(), version));
        assertThat(ports.tags().findByName(new TagName("Work"))).contains(stored);
        assertThat(ports.tags().findById(TagId.generate())).isEmpty();
    }

    @Test
    void names_are_unique() {
        aTag("Work");
        Tag twin = Tag.create(TagId.generate(), new TagName("Work"), null, null, tick());

        assertThatThrownBy(() -> ports.tags().add(twin)).isInstanceOf(DataAccessFailure.DuplicateValue.class);
        assertThat(ports.tags().findAll()).hasSize(1);
    }

    @Test
    void an_unknown_creator_is_a_missing_reference() {
        Tag tag = Tag.create(TagId.generate(), new TagName("Orphan"), null, new dev.trellis.domain.shared.UserId("usr_nobody000000"), tick());

        assertThatThrownBy(() -> ports.tags().add(tag)).isInstanceOf(DataAccessFailure.MissingReference.class);
    }

    @Test
    void lists_are_ordered_by_name() {
        Tag work = aTag("Work");
        Tag important = aTag("Important");
        Tag personal = aTag("Personal");

        assertThat(ports.tags().findAll()).extracting(Tag::name).extracting(TagName::value)
                .containsExactly("Important", "Personal", "Work");
        assertThat(ports.tags().findAllById(List.of(work.id(), important.id(), TagId.generate())))
                .containsExactly(important, work);
        assertThat(ports.tags().findAllById(List.of())).isEmpty();
        assertThat(personal).isNotNull();
    }

    @Test
    void update_renames_and_recolours_with_a_version_check() {
        Tag tag = aTag("Wrok");

        long next = ports.tags().update(tag.rename(new TagName("Work")).recolor(new TagColor("#000000")));

        Tag stored = ports.tags().findById(tag.id()).orElseThrow();
        assertThat(stored.name().value()).isEqualTo("Work");
        assertThat(stored.color().value()).isEqualTo("#000000");
        assertThat(stored.version()).isEqualTo(next).isEqualTo(tag.version() + 1);
        assertThatThrownBy(() -> ports.tags().update(tag.rename(new TagName("Lost update"))))
                .isInstanceOf(StaleVersion.class);
    }

    @Test
    void renaming_onto_a_taken_name_is_a_duplicate() {
        aTag("Work");
        Tag other = aTag("Play");

        assertThatThrownBy(() -> ports.tags().update(other.rename(new TagName("Work"))))
                .isInstanceOf(DataAccessFailure.DuplicateValue.class);
    }

    @Test
    void a_tag_is_used_by_others_only_when_another_users_item_carries_it() {
        User me = aUser();
        User other = aUser();
        Tag mine = aTag("Mine");
        Tag shared = aTag("Shared");
        anItem(me, "My item", mine, shared);
        anItem(other, "Their item", shared);

        assertThat(ports.tags().isUsedByOthersThan(mine.id(), me.id())).isFalse();
        assertThat(ports.tags().isUsedByOthersThan(shared.id(), me.id())).isTrue();
        assertThat(ports.tags().isUsedByOthersThan(mine.id(), other.id())).isTrue();
        assertThat(ports.tags().isUsedByOthersThan(TagId.generate(), me.id())).isFalse();
    }

    @Test
    void removing_a_tag_unlinks_it_from_items() {
        User owner = aUser();
        Tag doomed = aTag("Doomed");
        Tag kept = aTag("Kept");
        var item = anItem(owner, "Tagged", doomed, kept);

        assertThat(ports.tags().remove(doomed.id())).isTrue();

        assertThat(ports.tags().findById(doomed.id())).isEmpty();
        assertThat(ports.items().findById(item.id()).orElseThrow().tags()).containsExactly(kept.id());
        assertThat(ports.tags().remove(doomed.id())).isFalse();
    }
}
