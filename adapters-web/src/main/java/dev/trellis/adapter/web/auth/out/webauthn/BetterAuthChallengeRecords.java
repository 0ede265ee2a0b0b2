package dev.trellis.adapter.web.auth.out.webauthn;

import dev.trellis.application.auth.passkey.ChallengeRecords;
import dev.trellis.application.auth.passkey.PasskeyChallenge;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * The passkey plugin's {@code verification} value: for registration
 * {@code {"type":"registration","expectedChallenge":…,"userData":{"id","name","displayName"},"context":null}},
 * for authentication {@code {"type":"authentication","expectedChallenge":…,"userData":{"id":…}}}
 * (the id empty when nobody was signed in).
 */
public class BetterAuthChallengeRecords implements ChallengeRecords {

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public String write(PasskeyChallenge challenge) {
        ObjectNode root = json.createObjectNode();
        root.put("type", challenge.type());
        root.put("expectedChallenge", challenge.expectedChallenge());
        ObjectNode user = root.putObject("userData");
        user.put("id", challenge.userId());
        if (PasskeyChallenge.REGISTRATION.equals(challenge.type())) {
            user.put("name", challenge.userName());
            user.put("displayName", challenge.displayName());
            root.putNull("context");
        }
        return json.writeValueAsString(root);
    }

    @Override
    public Optional<PasskeyChallenge> read(String value) {
        try {
            JsonNode root = json.readTree(value);
            JsonNode user = root.path("userData");
            if (!root.path("type").isString() || !root.path("expectedChallenge").isString() || !user.path("id").isString()) {
                return Optional.empty();
            }
            return Optional.of(new PasskeyChallenge(root.get("type").asString(), root.get("expectedChallenge").asString(),
                    user.get("id").asString(), text(user, "name"), text(user, "displayName")));
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }
}
