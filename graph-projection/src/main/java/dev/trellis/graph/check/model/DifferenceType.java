package dev.trellis.graph.check.model;

/** The kinds of difference between the graph and PostgreSQL, as the report names them. */
public enum DifferenceType {
    MISSING_NODE("missing in the graph"),
    EXTRA_NODE("extra in the graph"),
    LEFTOVER_PLACEHOLDER("placeholder left in the graph (id only, no such row)"),
    DUPLICATE_NODE("more than one node with the id"),
    NODE_WITHOUT_ID("node without a string id"),
    PROPERTY_DIFFERS("property differs"),
    VERSION_BEHIND("version behind (an event not applied)"),
    VERSION_AHEAD("version ahead of PostgreSQL"),
    TOMBSTONE_FOR_LIVING_ROW("tombstone for a row that exists"),
    RELATIONSHIP_MISSING("missing in the graph"),
    RELATIONSHIP_EXTRA("extra in the graph");

    private final String description;

    DifferenceType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
