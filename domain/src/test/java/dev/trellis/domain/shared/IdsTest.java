package dev.trellis.domain.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    @Test
    void alphabet_is_nanoids_64_distinct_url_safe_symbols() {
        assertThat(Ids.ALPHABET).hasSize(64).matches("[A-Za-z0-9_-]+");
        assertThat(Ids.ALPHABET.chars().distinct().count()).isEqualTo(64);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8, 12, 21, 24, 100})
    void nanoid_has_the_requested_length_and_only_alphabet_symbols(int size) {
        String id = Ids.nanoid(size);

        assertThat(id).hasSize(size);
        assertThat(id.chars()).allMatch(c -> Ids.ALPHABET.indexOf(c) >= 0);
    }

    @Test
    void token_is_32_symbols() {
        assertThat(Ids.token()).hasSize(32).matches("[A-Za-z0-9_-]{32}");
    }

    @Test
    void ten_thousand_ids_are_distinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.nanoid(12));
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void every_symbol_is_drawn_and_none_is_favoured() {
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            for (char c : Ids.nanoid(64).toCharArray()) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        // 64,000 draws: each symbol is expected 1,000 times (σ ≈ 31); ±30% only catches real bias
        assertThat(counts).hasSize(64);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(700, 1_300));
    }

    @Test
    void a_missing_id_is_required_not_malformed() {
        assertInvalid(() -> Ids.requirePrefixed(null, "itm_", 12, "itemId"), "itemId", "value.required");
        assertInvalid(() -> Ids.requireAuthId(null, "userId"), "userId", "value.required");
    }
}
