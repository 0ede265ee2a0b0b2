package dev.trellis.adapter.web.common;

import dev.trellis.domain.shared.InvalidInput;
import tools.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.Set;

/**
 * Reads a partial update: an absent field is "unchanged", {@code null} is "cleared" where the field
 * may be empty; wrong types and unknown fields are 400.
 */
public final class JsonPatch {

    private final JsonNode body;

    public JsonPatch(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw new InvalidInput("body", "body.not_object", "must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new InvalidInput(name, "field.unknown", "is not a field of this resource (allowed: " + allowed + ")");
            }
        }
        this.body = body;
    }

    /** A field that may be set but not cleared. */
    public Optional<String> text(String field) {
        if (!body.has(field)) {
            return Optional.empty();
        }
        JsonNode value = body.get(field);
        if (!value.isString()) {
            throw new InvalidInput(field, "field.type", "must be a string");
        }
        return Optional.of(value.asString());
    }

    /** A field that may be set or cleared with null. */
    public Optional<Optional<String>> nullableText(String field) {
        if (!body.has(field)) {
            return Optional.empty();
        }
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return Optional.of(Optional.empty());
        }
        if (!value.isString()) {
            throw new InvalidInput(field, "field.type", "must be a string or null");
        }
        return Optional.of(Optional.of(value.asString()));
    }

    public Optional<Boolean> bool(String field) {
        if (!body.has(field)) {
            return Optional.empty();
        }
        JsonNode value = body.get(field);
        if (!value.isBoolean()) {
            throw new InvalidInput(field, "field.type", "must be true or false");
        }
        return Optional.of(value.asBoolean());
    }
}
