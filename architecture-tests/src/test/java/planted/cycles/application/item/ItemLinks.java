package planted.cycles.application.item;

import planted.cycles.application.tag.TagLinks;

/** Violation: item uses tag, and tag uses item. */
public class ItemLinks {
    public String tagsOf(String item) {
        return new TagLinks().describe(item);
    }

    public String title(String item) {
        return "item " + item;
    }
}
