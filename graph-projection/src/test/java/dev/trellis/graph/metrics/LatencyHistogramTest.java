package dev.trellis.graph.metrics;

import dev.trellis.graph.metrics.LatencyHistogram.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyHistogramTest {

    @Test
    void percentiles_are_the_nearest_rank_of_the_recorded_milliseconds() {
        LatencyHistogram histogram = new LatencyHistogram();
        LongStream.rangeClosed(1, 100).forEach(histogram::record);

        Snapshot snapshot = histogram.snapshot();

        assertThat(snapshot.count()).isEqualTo(100);
        assertThat(snapshot.percentile(50)).isEqualTo(50);
        assertThat(snapshot.percentile(90)).isEqualTo(90);
        assertThat(snapshot.percentile(99)).isEqualTo(99);
        assertThat(snapshot.percentile(100)).isEqualTo(100);
        assertThat(snapshot.max()).isEqualTo(100);
    }

    @Test
    void agrees_with_sorting_the_values_on_a_random_sample() {
        LatencyHistogram histogram = new LatencyHistogram();
        Random random = new Random(7);
        long[] values = new long[5_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.abs(random.nextGaussian() * 80) + 5;
            histogram.record(values[i]);
        }
        Arrays.sort(values);

        Snapshot snapshot = histogram.snapshot();

        for (double p : new double[]{1, 50, 90, 99, 99.9}) {
            int rank = (int) Math.ceil(p / 100 * values.length);
            assertThat(snapshot.percentile(p)).as("p%s", p).isEqualTo(values[rank - 1]);
        }
        assertThat(snapshot.max()).isEqualTo(values[values.length - 1]);
    }

    @Test
    void an_empty_histogram_answers_zero() {
        Snapshot empty = new LatencyHistogram().snapshot();

        assertThat(empty.count()).isZero();
        assertThat(empty.percentile(99)).isZero();
        assertThat(empty.max()).isZero();
        assertThat(empty.encode()).isEmpty();
    }

    @Test
    void slow_latencies_share_the_last_bucket_and_negative_ones_count_as_zero() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(-3);
        histogram.record(LatencyHistogram.LIMIT_MILLIS + 5_000);
        histogram.record(LatencyHistogram.LIMIT_MILLIS);

        Snapshot snapshot = histogram.snapshot();

        assertThat(snapshot.counts()[0]).isEqualTo(1);
        assertThat(snapshot.counts()[LatencyHistogram.LIMIT_MILLIS]).isEqualTo(2);
        assertThat(snapshot.max()).isEqualTo(LatencyHistogram.LIMIT_MILLIS);
        assertThat(snapshot.percentile(99)).isEqualTo(LatencyHistogram.LIMIT_MILLIS);
    }

    @Test
    void the_difference_of_two_snapshots_holds_what_came_between_them() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 1_000; i++) {
            histogram.record(500); // a slow warm-up
        }
        Snapshot before = histogram.snapshot();
        LongStream.rangeClosed(1, 200).forEach(histogram::record);
        Snapshot after = histogram.snapshot();

        Snapshot between = after.minus(before);

        assertThat(between.count()).isEqualTo(200);
        assertThat(between.percentile(50)).isEqualTo(100);
        assertThat(between.percentile(99)).isEqualTo(198);
        assertThat(between.max()).isEqualTo(200);
        assertThat(after.percentile(50)).as("since the start, the warm-up dominates").isEqualTo(500);
        assertThatThrownBy(() -> before.minus(after)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodes_the_buckets_it_holds_and_reads_them_back() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(12);
        histogram.record(13);
        histogram.record(13);
        histogram.record(LatencyHistogram.LIMIT_MILLIS + 1);

        Snapshot snapshot = histogram.snapshot();

        assertThat(snapshot.encode()).isEqualTo("12=1 13=2 10000=1");
        assertThat(Snapshot.parse(snapshot.encode())).isEqualTo(snapshot);
        assertThat(Snapshot.parse("")).isEqualTo(new LatencyHistogram().snapshot());
        assertThatThrownBy(() -> Snapshot.parse("12")).isInstanceOf(IllegalArgumentException.class);
    }
}
