package dev.trellis.event.contract;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a payload schema still says what it said when it was published. A published version is a
 * promise to producers and consumers alike (payloads are checked with {@code additionalProperties: false},
 * and consumers decode strictly), so any change to what the schema accepts is incompatible: a property
 * added or removed, a type or its nullability changed, {@code required}, {@code enum}, {@code const},
 * {@code pattern}, {@code format}, a bound or any other validation keyword changed. Changing the shape
 * means a new version: a new schema file {@code v<n+1>.json} beside the old one. Only annotations may
 * change in place ({@code title}, {@code description}, {@code $comment}, {@code examples},
 * {@code deprecated}). Local references ({@code #/$defs/...}) are compared by what they point at, so
 * moving a definition into {@code $defs} or out of it is no change.
 */
public final class SchemaCompatibility {

    /** Keywords that describe and never validate: they may change in a published schema. */
    public static final Set<String> ANNOTATIONS = Set.of("title", "description", "$comment", "examples", "deprecated");

    private static final int MAX_REF_DEPTH = 32;

    /**
     * One incompatible change.
     *
     * @param location where in the payload: {@code (payload)}, {@code profile.timezone}, {@code tagIds[]}
     * @param change   what changed, with the published and the current value
     */
    public record Change(String location, String change) {
        @Override
        public String toString() {
            return location + ": " + change;
        }
    }

    private SchemaCompatibility() {
    }

    /** The incompatible changes from the published schema to the current one; empty when compatible. */
    public static List<Change> incompatibleChanges(JsonNode published, JsonNode current) {
        List<Change> changes = new ArrayList<>();
        compare("(payload)", resolved(published, published, 0), resolved(current, current, 0), changes);
        return changes;
    }

    /**
     * Compares every schema of the contract that {@code published} holds a copy of; a published schema the
     * contract no longer has is an incompatible change too.
     *
     * @param published the published copy of each (type, version), as committed
     * @return per schema ({@code item.created/v1.json}), its incompatible changes; only schemas with changes
     */
    public static Map<String, List<Change>> check(Map<String, JsonNode> published) {
        Map<String, List<Change>> report = new java.util.TreeMap<>();
        published.forEach((relativePath, copy) -> {
            var current = EventSchemas.fromRelativePath(relativePath);
            List<Change> changes = current.isEmpty()
                    ? List.of(new Change("(schema)", "published, but the contract no longer has it (EventType lacks the type or version)"))
                    : incompatibleChanges(copy, current.get().json());
            if (!changes.isEmpty()) {
                report.put(relativePath, changes);
            }
        });
        return report;
    }

    // --- comparison

    private static void compare(String where, JsonNode published, JsonNode current, List<Change> changes) {
        if (!published.isObject() || !current.isObject()) {
            if (!published.equals(current)) {
                changes.add(new Change(where, "schema changed from " + published + " to " + current));
            }
            return;
        }
        boolean wasNullable = nullable(published);
        boolean isNullable = nullable(current);
        if (wasNullable != isNullable) {
            changes.add(new Change(where, wasNullable ? "no longer nullable (null was allowed)" : "now nullable (null was refused)"));
        }
        ObjectNode before = withoutNull(published);
        ObjectNode after = withoutNull(current);
        Set<String> keywords = new TreeSet<>();
        keywords.addAll(before.propertyNames());
        keywords.addAll(after.propertyNames());
        keywords.removeAll(ANNOTATIONS);
        keywords.remove("$defs");
        keywords.remove("$schema");
        for (String keyword : keywords) {
            JsonNode a = before.get(keyword);
            JsonNode b = after.get(keyword);
            if (a == null) {
                changes.add(new Change(where, "'" + keyword + "' added: " + b));
            } else if (b == null) {
                changes.add(new Change(where, "'" + keyword + "' removed (was " + a + ")"));
            } else {
                compareKeyword(where, keyword, a, b, changes);
            }
        }
    }

    private static void compareKeyword(String where, String keyword, JsonNode a, JsonNode b, List<Change> changes) {
        switch (keyword) {
            case "properties" -> {
                Set<String> names = new TreeSet<>(a.propertyNames());
                names.addAll(b.propertyNames());
                for (String name : names) {
                    String at = where.equals("(payload)") ? name : where + "." + name;
                    if (!a.has(name)) {
                        changes.add(new Change(at, "property added"));
                    } else if (!b.has(name)) {
                        changes.add(new Change(at, "property removed"));
                    } else {
                        compare(at, a.get(name), b.get(name), changes);
                    }
                }
            }
            case "required" -> {
                Set<String> was = texts(a);
                Set<String> is = texts(b);
                for (String name : is) {
                    if (!was.contains(name)) {
                        changes.add(new Change(where, "'" + name + "' now required"));
                    }
                }
                for (String name : was) {
                    if (!is.contains(name)) {
                        changes.add(new Change(where, "'" + name + "' no longer required"));
                    }
                }
            }
            case "type", "enum" -> {
                if (!asSet(a).equals(asSet(b))) {
                    changes.add(new Change(where, keyword + " changed from " + a + " to " + b));
                }
            }
            case "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
                    "unevaluatedItems", "unevaluatedProperties" -> {
                if (a.isObject() && b.isObject()) {
                    compare(keyword.equals("items") ? where + "[]" : where + " (" + keyword + ")", a, b, changes);
                } else if (!a.equals(b)) {
                    changes.add(new Change(where, keyword + " changed from " + a + " to " + b));
                }
            }
            case "anyOf", "oneOf", "allOf", "prefixItems" -> {
                if (a.size() != b.size()) {
                    changes.add(new Change(where, keyword + " changed from " + a + " to " + b));
                } else {
                    for (int i = 0; i < a.size(); i++) {
                        compare(where + " (" + keyword + "[" + i + "])", a.get(i), b.get(i), changes);
                    }
                }
            }
            default -> {
                if (!a.equals(b)) {
                    changes.add(new Change(where, keyword + " changed from " + a + " to " + b));
                }
            }
        }
    }

    // --- nullability: "type": [..., "null"] or anyOf/oneOf with a {"type": "null"} branch

    private static boolean nullable(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && (type.isArray() ? asSet(type).contains("\"null\"") : "null".equals(type.asString()))) {
            return true;
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            JsonNode branches = schema.get(combinator);
            if (branches != null) {
                for (JsonNode branch : branches) {
                    if (isNullBranch(branch)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The schema without what lets null through: {@code ["string", "null"]} becomes {@code "string"}, anyOf [X, null] becomes X. */
    private static ObjectNode withoutNull(JsonNode schema) {
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        JsonNode type = copy.get("type");
        if (type != null && type.isArray()) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            type.forEach(t -> {
                if (!"null".equals(t.asString())) {
                    kept.add(t);
                }
            });
            copy.set("type", kept.size() == 1 ? kept.get(0) : kept);
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            JsonNode branches = copy.get(combinator);
            if (branches == null) {
                continue;
            }
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            branches.forEach(branch -> {
                if (!isNullBranch(branch)) {
                    kept.add(branch);
                }
            });
            copy.remove(combinator);
            if (kept.size() == 1 && kept.get(0).isObject()) {
                kept.get(0).properties().forEach(entry -> {
                    if (!copy.has(entry.getKey())) {
                        copy.set(entry.getKey(), entry.getValue());
                    }
                });
            } else if (!kept.isEmpty()) {
                copy.set(combinator, kept);
            }
        }
        return copy;
    }

    private static boolean isNullBranch(JsonNode branch) {
        return branch.isObject() && branch.size() == 1 && "null".equals(branch.path("type").asString(""));
    }

    // --- local references, replaced by what they point at

    private static JsonNode resolved(JsonNode node, JsonNode root, int depth) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith("#/")) {
                if (depth > MAX_REF_DEPTH) {
                    throw new IllegalArgumentException("references nest deeper than " + MAX_REF_DEPTH + ": " + ref.asString());
                }
                JsonNode target = root.at(ref.asString().substring(1));
                if (target.isMissingNode()) {
                    throw new IllegalArgumentException("unresolvable reference " + ref.asString());
                }
                ObjectNode merged = ((ObjectNode) resolved(target, root, depth + 1)).deepCopy();
                node.properties().forEach(entry -> {
                    if (!entry.getKey().equals("$ref")) {
                        merged.set(entry.getKey(), resolved(entry.getValue(), root, depth));
                    }
                });
                return merged;
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(entry -> copy.set(entry.getKey(),
                    entry.getKey().equals("$defs") ? entry.getValue() : resolved(entry.getValue(), root, depth)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(resolved(element, root, depth)));
            return copy;
        }
        return node;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new LinkedHashSet<>();
        array.forEach(element -> texts.add(element.asString()));
        return texts;
    }

    /** A keyword's value as a set of JSON texts (a single value is a set of one). */
    private static Set<String> asSet(JsonNode value) {
        Set<String> set = new TreeSet<>();
        if (value.isArray()) {
            for (Iterator<JsonNode> it = value.iterator(); it.hasNext(); ) {
                set.add(Objects.toString(it.next()));
            }
        } else {
            set.add(value.toString());
        }
        return set;
    }
}
