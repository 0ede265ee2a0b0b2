package dev.trellis.application.item;

import dev.trellis.application.RequestContext;
import dev.trellis.domain.item.ItemCursor;
import dev.trellis.domain.item.ItemPage;
import dev.trellis.domain.item.ItemQuery;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.shared.TagId;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/** A page of the caller's items, newest first, filtered by status, tag and title text, continued after a cursor. */
public class ListItems {

    public record Query(Optional<ItemStatus> status, Optional<TagId> tag, Optional<String> titleContains, int limit,
                        Optional<ItemCursor> after) {
    }

    private final ItemRepository items;

    public ListItems(ItemRepository items) {
        this.items = items;
    }

    /** The limit and the title text are checked as {@link ItemQuery} checks them. */
    @Transactional(readOnly = true)
    public ItemPage handle(RequestContext caller, Query query) {
        return items.findPage(new ItemQuery(caller.user(), query.status(), query.tag(), query.titleContains(), query.limit(),
                query.after()));
    }
}
