package planted.graphleak.graph;

import planted.graphleak.application.item.FindItem;

/** Violation: the projection asks the platform's use case instead of reading the event. */
public class TitleLookup {
    public String title(FindItem findItem, String id) {
        return findItem.title(id);
    }
}
