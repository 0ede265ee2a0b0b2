package dev.trellis.application.item;

import dev.trellis.application.RequestContext;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.shared.NotFound;
import org.springframework.transaction.annotation.Transactional;

/** One of the caller's items, with its tags and files; another user's item is as missing as one that does not exist. */
public class ViewItem {

    private final ItemRepository items;

    public ViewItem(ItemRepository items) {
        this.items = items;
    }

    @Transactional(readOnly = true)
    public ItemDetails handle(RequestContext caller, ItemId id) {
        return items.findDetails(id).filter(details -> details.item().isOwnedBy(caller.user()))
                .orElseThrow(() -> new NotFound("item", id));
    }
}
