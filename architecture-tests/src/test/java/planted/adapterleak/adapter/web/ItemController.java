package planted.adapterleak.adapter.web;

import planted.adapterleak.adapter.persistence.ItemRow;

/** Violation: the web adapter reads the persistence adapter's rows. */
public class ItemController {
    public String title(ItemRow row) {
        return row.title();
    }
}
