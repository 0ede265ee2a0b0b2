package planted.innerleak.application.item;

import planted.innerleak.adapter.persistence.item.ItemRow;

import java.util.List;

/** Violation: a use case that returns an adapter's row type. */
public interface ListItems {
    List<ItemRow> handle();
}
