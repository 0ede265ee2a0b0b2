package dev.trellis.graph.check.compare;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IdRangesTest {

    @Test
    void every_id_falls_into_exactly_one_range_the_first_starting_at_the_empty_string_the_last_open() {
        IdRanges ranges = IdRanges.of("itm_M", "itm_f");

        assertThat(ranges.count()).isEqualTo(3);
        assertThat(ranges.indexOf("")).isZero();
        assertThat(ranges.indexOf("itm_A")).isZero();
        assertThat(ranges.indexOf("itm_M")).isEqualTo(1);
        assertThat(ranges.indexOf("itm_Zzzz")).isEqualTo(1);
        assertThat(ranges.indexOf("itm__")).isEqualTo(1);
        assertThat(ranges.indexOf("itm_f")).isEqualTo(2);
        assertThat(ranges.indexOf("usr_x")).isEqualTo(2);
        assertThat(ranges.lowerBound(0)).isEmpty();
        assertThat(ranges.upperBound(0)).isEqualTo("itm_M");
        assertThat(ranges.upperBound(2)).isNull();
    }

    @Test
    void ids_are_ordered_by_code_point_as_collation_C_and_Neo4j_order_them() {
        List<String> alphabet = new ArrayList<>(List.of("a", "_", "Z", "A", "9", "0", "-"));
        alphabet.sort(IdRanges.CODE_POINT_ORDER);
        assertThat(alphabet).containsExactly("-", "0", "9", "A", "Z", "_", "a");
        // above U+FFFF UTF-16 order (String.compareTo) and code point order disagree
        assertThat("\uD83D\uDE00".compareTo("\uFFFD")).isNegative();
        assertThat(IdRanges.CODE_POINT_ORDER.compare("\uD83D\uDE00", "\uFFFD")).isPositive();
        assertThat(IdRanges.CODE_POINT_ORDER.compare("ab", "abc")).isNegative();
    }

    @Test
    void ranges_cut_from_a_sample_hold_about_equal_shares_of_it() {
        List<String> sample = IntStream.range(0, 1000).mapToObj(i -> String.format("id_%04d", i)).toList();

        IdRanges ranges = IdRanges.fromSample(sample, 4);

        assertThat(ranges.count()).isEqualTo(4);
        int[] sizes = new int[4];
        sample.forEach(id -> sizes[ranges.indexOf(id)]++);
        assertThat(sizes).containsExactly(250, 250, 250, 250);
        assertThat(IdRanges.fromSample(List.of("x", "x", "x"), 4).count()).as("no two equal cuts").isEqualTo(2);
        assertThat(IdRanges.fromSample(List.of(), 4).count()).isEqualTo(1);
    }
}
