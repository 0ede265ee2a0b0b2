package planted.compliant.application.item;

import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import planted.compliant.application.event.EventOutbox;
import planted.compliant.domain.item.Item;
import planted.compliant.domain.item.ItemRepository;
import planted.compliant.event.contract.ItemEventType;

/** Allowed: the domain, the event contract, java.., and @Transactional with its attributes. */
public class CreateItem {
    private final ItemRepository items;
    private final EventOutbox outbox;

    public CreateItem(ItemRepository items, EventOutbox outbox) {
        this.items = items;
        this.outbox = outbox;
    }

    @Transactional(propagation = Propagation.REQUIRED, rollbackFor = Exception.class)
    public String handle(String id, String title) {
        items.save(new Item(id, title));
        outbox.append(ItemEventType.CREATED.code() + ":" + id);
        return id;
    }
}
