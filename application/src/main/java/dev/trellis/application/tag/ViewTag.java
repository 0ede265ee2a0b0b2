package dev.trellis.application.tag;

import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.tag.TagRepository;
import org.springframework.transaction.annotation.Transactional;

/** One tag, whoever created it. */
public class ViewTag {

    private final TagRepository tags;

    public ViewTag(TagRepository tags) {
        this.tags = tags;
    }

    @Transactional(readOnly = true)
    public Tag handle(TagId id) {
        return tags.findById(id).orElseThrow(() -> new NotFound("tag", id));
    }
}
