package dev.trellis.application.auth.ratelimit;

import dev.trellis.application.testing.InMemoryRateLimitCounters;
import dev.trellis.application.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Better Auth's key ({@code createRateLimitKey(normalizeIP(ip), path)}), so both count into one row. */
class CountRequestTest {

    @Test
    void the_key_is_the_address_a_bar_and_the_path_below_the_base_path() {
        assertThat(CountRequest.key("203.0.113.7", "/sign-in/email")).isEqualTo("203.0.113.7|/sign-in/email");
        assertThat(CountRequest.key("203.0.113.7", "/sign-in/email/")).isEqualTo("203.0.113.7|/sign-in/email");
        assertThat(CountRequest.key("203.0.113.7", "")).isEqualTo("203.0.113.7|/");
    }

    @Test
    void addresses_are_normalised_as_better_auth_does() {
        assertThat(CountRequest.normalise("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(CountRequest.normalise("2001:DB8::1")).isEqualTo("2001:0db8:0000:0000:0000:0000:0000:0000");
        assertThat(CountRequest.normalise("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:0db8:0001:0002:0000:0000:0000:0000");
        assertThat(CountRequest.normalise("0:0:0:0:0:0:0:1")).isEqualTo("0000:0000:0000:0000:0000:0000:0000:0000");
        assertThat(CountRequest.normalise("not-an-address")).isEqualTo("not-an-address");
    }

    @Test
    void two_addresses_of_one_ipv6_network_share_a_budget() {
        MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
        CountRequest count = new CountRequest(new InMemoryRateLimitCounters(), clock);
        RateLimitRule one = new RateLimitRule(1, Duration.ofSeconds(10));

        assertThat(count.handle("2001:db8::1", "/sign-in/email", one).allowed()).isTrue();
        assertThat(count.handle("2001:db8::2", "/sign-in/email", one).allowed()).isFalse();
        assertThat(count.handle("2001:db8:0:1::2", "/sign-in/email", one).allowed()).isTrue();
    }
}
