package planted.consumerleak.event.consumer;

import planted.consumerleak.adapter.persistence.ItemRow;

/** Violation: the kit reads the platform's persistence rows. */
public class RowCopier {
    public String idOf(ItemRow row) {
        return row.id();
    }
}
