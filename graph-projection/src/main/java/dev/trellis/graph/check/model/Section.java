package dev.trellis.graph.check.model;

/** What the report counts and lists differences by: each node label, then each relationship type. */
public enum Section {
    USERS("users"), ITEMS("items"), TAGS("tags"), FILES("files"),
    OWNS("OWNS"), TAGGED("TAGGED"), HAS_FILE("HAS_FILE"), UPLOADED("UPLOADED"), CREATED("CREATED");

    private final String title;

    Section(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public boolean isRelationship() {
        return ordinal() >= OWNS.ordinal();
    }
}
