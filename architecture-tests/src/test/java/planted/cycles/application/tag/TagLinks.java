package planted.cycles.application.tag;

import planted.cycles.application.item.ItemLinks;

/** Violation: closes the cycle item -> tag -> item. */
public class TagLinks {
    public String describe(String item) {
        return new ItemLinks().title(item);
    }
}
