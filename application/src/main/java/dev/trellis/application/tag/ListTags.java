package dev.trellis.application.tag;

import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.tag.TagRepository;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Every tag: the vocabulary is shared, so any signed-in user sees all of it. */
public class ListTags {

    private final TagRepository tags;

    public ListTags(TagRepository tags) {
        this.tags = tags;
    }

    @Transactional(readOnly = true)
    public List<Tag> handle() {
        return tags.findAll();
    }
}
