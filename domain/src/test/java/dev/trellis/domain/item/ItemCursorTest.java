package dev.trellis.domain.item;

import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class ItemCursorTest {

    @Test
    void a_cursor_survives_encoding_and_decoding() {
        ItemCursor cursor = new ItemCursor(Instant.parse("2025-03-04T05:06:07.123456Z"), new ItemId("itm_AbC-_12345xy"));

        assertThat(ItemCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void the_cursor_after_an_item_points_at_its_creation_time_and_id() {
        Item item = Item.create(ItemId.generate(), UserId.generate(), new ItemTitle("t"), null, null, null, null,
                List.of(), Instant.parse("2025-03-04T05:06:07.123456789Z"));

        ItemCursor cursor = ItemCursor.decode(ItemCursor.after(item).encode());

        assertThat(cursor.createdAt()).isEqualTo(item.createdAt());
        assertThat(cursor.id()).isEqualTo(item.id());
    }

    @Test
    void the_token_is_url_safe() {
        String token = new ItemCursor(Instant.parse("2025-03-04T05:06:07Z"), ItemId.generate()).encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not a cursor", "!!!", "a+b/c==", "bm8gc2VwYXJhdG9y"})
    void garbage_is_refused(String token) {
        assertInvalid(() -> ItemCursor.decode(token), "cursor", "cursor.invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday|itm_AbC-_12345xy", "2025-03-04T05:06:07Z|itm_short", "2025-03-04T05:06:07Z|", "|"})
    void well_encoded_tokens_with_bad_parts_are_refused(String raw) {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));

        assertInvalid(() -> ItemCursor.decode(token), "cursor", "cursor.invalid");
    }
}
