package planted.adapterleak.adapter.messaging;

import planted.adapterleak.adapter.persistence.ItemRow;

/** Violation: the messaging adapter reads the persistence adapter's rows. */
public class OutboxRelay {
    public String key(ItemRow row) {
        return row.id();
    }
}
