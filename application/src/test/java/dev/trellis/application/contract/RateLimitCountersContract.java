package dev.trellis.application.contract;

import dev.trellis.application.auth.ratelimit.Admission;
import dev.trellis.application.auth.ratelimit.RateLimitCounters;
import dev.trellis.application.auth.ratelimit.RateLimitRule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Better Auth 1.7's rate-limit window, which every store of counters must keep to the millisecond. */
public abstract class RateLimitCountersContract {

    static final RateLimitRule THREE_PER_10_S = new RateLimitRule(3, Duration.ofSeconds(10));
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String KEY = "203.0.113.7|/sign-in/email";

    protected RateLimitCounters counters;

    /** Counters with none stored. */
    protected abstract RateLimitCounters emptyCounters();

    @BeforeEach
    void openEmptyCounters() {
        counters = emptyCounters();
    }

    Admission at(long millis) {
        return counters.consume(KEY, THREE_PER_10_S, T0.plusMillis(millis));
    }

    @Test
    void max_requests_pass_and_the_next_waits_for_the_window_from_the_last_admitted_one() {
        assertThat(at(0)).isEqualTo(Admission.ALLOWED);
        assertThat(at(1_000)).isEqualTo(Admission.ALLOWED);
        assertThat(at(2_500)).isEqualTo(Admission.ALLOWED);

        assertThat(at(3_000)).isEqualTo(Admission.refused(10)); // ceil((2.5 + 10 - 3.0) s) = 10 s (9.5)
        assertThat(at(12_000)).isEqualTo(Admission.refused(1)); // 0.5 s left
    }

    @Test
    void refused_requests_do_not_move_the_window() {
        at(0);
        at(0);
        at(0);
        for (int i = 1; i < 50; i++) {
            assertThat(at(i * 100L).allowed()).isFalse();
        }
        assertThat(at(9_999)).isEqualTo(Admission.refused(1));
        assertThat(at(10_000)).as("a window after the last admitted request").isEqualTo(Admission.ALLOWED);
        assertThat(at(10_001)).isEqualTo(Admission.ALLOWED);
        assertThat(at(10_002)).isEqualTo(Admission.ALLOWED);
        assertThat(at(10_003)).isEqualTo(Admission.refused(10));
    }

    @Test
    void each_admitted_request_restarts_the_window_as_in_better_auth() {
        at(0);
        at(9_000);
        assertThat(at(18_000)).as("9 s after the last admitted request: still the same window, third request")
                .isEqualTo(Admission.ALLOWED);
        assertThat(at(27_000)).isEqualTo(Admission.refused(1));
        assertThat(at(28_000)).isEqualTo(Admission.ALLOWED);
    }

    @Test
    void keys_and_rules_are_counted_apart() {
        RateLimitRule oneAMinute = new RateLimitRule(1, Duration.ofSeconds(60));
        assertThat(counters.consume("a|/x", oneAMinute, T0)).isEqualTo(Admission.ALLOWED);
        assertThat(counters.consume("a|/x", oneAMinute, T0.plusSeconds(1))).isEqualTo(Admission.refused(59));
        assertThat(counters.consume("a|/y", oneAMinute, T0.plusSeconds(1))).isEqualTo(Admission.ALLOWED);
        assertThat(counters.consume("b|/x", oneAMinute, T0.plusSeconds(1))).isEqualTo(Admission.ALLOWED);
    }

    @Test
    void racing_requests_on_one_key_never_pass_more_than_max() throws Exception {
        RateLimitRule hundred = new RateLimitRule(100, Duration.ofMinutes(5));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    int admitted = 0;
                    for (int i = 0; i < 40; i++) {
                        if (counters.consume("race", hundred, T0.plusMillis(i)).allowed()) {
                            admitted++;
                        }
                    }
                    return admitted;
                });
            }
            int admitted = 0;
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                admitted += result.get();
            }
            assertThat(admitted).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idle_counters_are_removed_in_batches_and_busy_ones_stay() {
        for (int i = 0; i < 5; i++) {
            counters.consume("idle-" + i, THREE_PER_10_S, T0);
        }
        counters.consume("busy", THREE_PER_10_S, T0);
        counters.consume("busy", THREE_PER_10_S, T0.plusSeconds(61));

        assertThat(counters.removeIdleSince(T0.plusSeconds(1), 3)).isEqualTo(3);
        assertThat(counters.removeIdleSince(T0.plusSeconds(1), 3)).isEqualTo(2);
        assertThat(counters.removeIdleSince(T0.plusSeconds(1), 3)).isZero();

        assertThat(counters.consume("busy", THREE_PER_10_S, T0.plusSeconds(62))).isEqualTo(Admission.ALLOWED);
        assertThat(counters.consume("busy", THREE_PER_10_S, T0.plusSeconds(63))).isEqualTo(Admission.ALLOWED);
        assertThat(counters.consume("busy", THREE_PER_10_S, T0.plusSeconds(64))).as("busy kept its count")
                .isEqualTo(Admission.refused(9));
    }
}
