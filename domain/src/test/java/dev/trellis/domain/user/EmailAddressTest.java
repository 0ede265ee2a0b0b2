package dev.trellis.domain.user;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.trellis.domain.shared.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressTest {

    @Test
    void addresses_are_stripped_and_lower_cased_as_better_auth_stores_them() {
        assertThat(new EmailAddress("  Alice.Smith+tag@Example.COM \n").value()).isEqualTo("alice.smith+tag@example.com");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void blank_is_refused(String value) {
        assertInvalid(() -> new EmailAddress(value), "email", "email.blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice@", "@example.com", "alice@example", "alice@@example.com",
            "al ice@example.com", "alice@exa mple.com"})
    void anything_but_an_address_is_refused(String value) {
        assertInvalid(() -> new EmailAddress(value), "email", "email.invalid");
    }

    @Test
    void at_most_254_characters() {
        String domain = "@example.com";
        assertThat(new EmailAddress("a".repeat(254 - domain.length()) + domain).value()).hasSize(254);
        assertInvalid(() -> new EmailAddress("a".repeat(255 - domain.length()) + domain), "email", "email.invalid");
    }
}
