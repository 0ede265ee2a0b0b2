package dev.trellis.domain;

import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.Ids;
import dev.trellis.domain.shared.OutboxEventId;
import dev.trellis.domain.shared.TagId;
import dev.trellis.domain.user.SessionId;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/** The six typed ids: what generate() makes, and what the constructors refuse. */
class TypedIdsTest {

    /** One typed id: its prefix and random length, the field its errors name, and how to make one. */
    record IdType(String name, String prefix, int length, String field,
                  Supplier<Object> generate, Function<String, Object> parse) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final IdType USER = new IdType("UserId", "usr_", 12, "userId", UserId::generate, UserId::new);
    static final IdType SESSION = new IdType("SessionId", "ses_", 24, "sessionId", SessionId::generate, SessionId::new);
    static final IdType ITEM = new IdType("ItemId", "itm_", 12, "itemId", ItemId::generate, ItemId::new);
    static final IdType TAG = new IdType("TagId", "tag_", 8, "tagId", TagId::generate, TagId::new);
    static final IdType FILE = new IdType("FileId", "fil_", 12, "fileId", FileId::generate, FileId::new);
    static final IdType OUTBOX = new IdType("OutboxEventId", "obx_", 12, "eventId", OutboxEventId::generate, OutboxEventId::new);

    static Stream<IdType> allIds() {
        return Stream.of(USER, SESSION, ITEM, TAG, FILE, OUTBOX);
    }

    static Stream<IdType> prefixedIds() {
        return Stream.of(ITEM, TAG, FILE, OUTBOX);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allIds")
    void generate_makes_the_prefix_then_random_symbols(IdType type) {
        String id = type.generate().get().toString();

        assertThat(id).startsWith(type.prefix()).hasSize(type.prefix().length() + type.length());
        assertThat(id.substring(type.prefix().length()).chars()).allMatch(c -> Ids.ALPHABET.indexOf(c) >= 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allIds")
    void a_generated_id_reads_back_equal(IdType type) {
        Object id = type.generate().get();

        assertThat(type.parse().apply(id.toString())).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allIds")
    void null_is_required(IdType type) {
        assertInvalid(() -> type.parse().apply(null), type.field(), "value.required");
    }

    static Stream<Arguments> malformedPrefixedIds() {
        return prefixedIds().flatMap(type -> {
            String random = "a".repeat(type.length());
            return Stream.of(
                    "",
                    type.prefix(),
                    type.prefix() + random.substring(1),            // one symbol short
                    type.prefix() + random + "a",                   // one symbol long
                    "xyz_" + random,                                // another prefix
                    type.prefix().toUpperCase() + random,           // prefix in the wrong case
                    random + "abcd",                                // no prefix, right length
                    type.prefix() + random.substring(1) + "!",      // a symbol outside the alphabet
                    type.prefix() + random.substring(1) + " ",
                    type.prefix() + random.substring(1) + "é"
            ).map(value -> Arguments.of(type, value));
        });
    }

    @ParameterizedTest(name = "{0} refuses \"{1}\"")
    @MethodSource("malformedPrefixedIds")
    void a_prefixed_id_refuses_anything_but_its_prefix_and_length(IdType type, String value) {
        assertInvalid(() -> type.parse().apply(value), type.field(), "id.malformed");
    }

    static Stream<Arguments> betterAuthIds() {
        return Stream.of(USER, SESSION).flatMap(type -> Stream.of(
                "Xk3f9QmZ2pL8vB1nR7tY4wC6hJ0sD5gA",              // Better Auth's default: 32 alphanumerics
                "usr_abcdefghijkl",
                "ses_abcdefghijklmnopqrstuvwx",
                "acct-2024_0001",                               // a configured generator's own prefix
                "a",
                "z".repeat(255)
        ).map(value -> Arguments.of(type, value)));
    }

    @ParameterizedTest(name = "{0} accepts \"{1}\"")
    @MethodSource("betterAuthIds")
    void auth_ids_accept_what_a_better_auth_server_makes(IdType type, String value) {
        assertThat(type.parse().apply(value).toString()).isEqualTo(value);
    }

    static Stream<Arguments> malformedAuthIds() {
        return Stream.of(USER, SESSION).flatMap(type -> Stream.of(
                "", "has space", "bang!", "ümlaut", "a/b", "a.b", "z".repeat(256)
        ).map(value -> Arguments.of(type, value)));
    }

    @ParameterizedTest(name = "{0} refuses \"{1}\"")
    @MethodSource("malformedAuthIds")
    void auth_ids_refuse_anything_not_url_safe(IdType type, String value) {
        assertInvalid(() -> type.parse().apply(value), type.field(), "id.malformed");
    }
}
