package dev.trellis.domain.shared;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One assertion for the most common failure: the input was refused, for this field, with this code. */
public final class DomainAssertions {

    private DomainAssertions() {
    }

    public static void assertInvalid(ThrowingCallable call, String field, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.code()).as("code").isEqualTo(code);
            assertThat(e.field()).as("field").isEqualTo(field);
        });
    }
}
