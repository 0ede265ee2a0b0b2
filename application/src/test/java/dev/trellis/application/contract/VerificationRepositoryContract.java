package dev.trellis.application.contract;

import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.shared.DataAccessFailure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class VerificationRepositoryContract extends AuthPortContract {

    private static final String MAGIC_LINK = "magic-link:QwErTyUiOpAsDfGhJkLzXcVbNmQwErTy";
    private static final String OTP = "sign-in-otp-someone@example.com";

    @Test
    void a_verification_reads_back_by_identifier_with_every_field() {
        Verification verification = newVerification(MAGIC_LINK,
                "{\"type\":\"magic-link\",\"email\":\"someone@example.com\",\"name\":null}",
                Instant.parse("2026-03-01T00:05:01.999Z"));

        auth.verifications().add(verification);

        assertThat(auth.verifications().findByIdentifier(MAGIC_LINK)).contains(verification);
        assertThat(auth.verifications().findByIdentifier(OTP)).isEmpty();
    }

    @Test
    void a_verification_issued_by_the_domain_keeps_milliseconds() {
        Verification verification = Verification.issue(OTP, "123456:0", Duration.ofSeconds(300),
                Instant.parse("2026-03-01T10:20:30.456789Z"));

        auth.verifications().add(verification);

        Verification stored = auth.verifications().findByIdentifier(OTP).orElseThrow();
        assertThat(stored).isEqualTo(verification);
        assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:20:30.456Z"));
        assertThat(stored.expiresAt()).isEqualTo(Instant.parse("2026-03-01T10:25:30.456Z"));
    }

    @Test
    void a_better_auth_style_id_is_stored_and_read() {
        Instant at = tick();
        Verification verification = new Verification(BETTER_AUTH_ID, "reset-password:AbCdEfGhIjKlMnOpQrStUvWx",
                "usr_abcdefghijkl", at.plus(Duration.ofHours(1)), at, at);

        auth.verifications().add(verification);

        assertThat(auth.verifications().findByIdentifier("reset-password:AbCdEfGhIjKlMnOpQrStUvWx")).contains(verification);
        assertThat(auth.verifications().remove(BETTER_AUTH_ID)).isTrue();
    }

    @Test
    void an_id_is_written_once() {
        Verification verification = aVerification(OTP, "111111:0", Duration.ofMinutes(5));
        Verification sameId = new Verification(verification.id(), MAGIC_LINK, "x", verification.expiresAt(),
                verification.createdAt(), verification.updatedAt());

        assertThatThrownBy(() -> auth.verifications().add(sameId)).isInstanceOf(DataAccessFailure.DuplicateValue.class);
        assertThat(auth.verifications().findByIdentifier(MAGIC_LINK)).isEmpty();
    }

    @Test
    void the_newest_row_of_an_identifier_wins() {
        Verification older = newVerification(OTP, "111111:0", tick().plus(Duration.ofMinutes(5)));
        Verification newer = newVerification(OTP, "222222:0", tick().plus(Duration.ofMinutes(5)));
        Verification unrelated = newVerification(MAGIC_LINK, "{}", tick().plus(Duration.ofMinutes(5)));
        auth.verifications().add(newer);
        auth.verifications().add(older);
        auth.verifications().add(unrelated);

        assertThat(auth.verifications().findByIdentifier(OTP)).contains(newer);

        auth.verifications().remove(newer.id());
        assertThat(auth.verifications().findByIdentifier(OTP)).contains(older);
    }

    @Test
    void update_writes_the_value_and_updated_at_and_nothing_else() {
        Verification verification = aVerification(OTP, "123456:0", Duration.ofMinutes(5));
        Instant later = tick();
        Verification attempted = verification.withValue("123456:1", later);
        Verification changedElsewhere = new Verification(attempted.id(), MAGIC_LINK, attempted.value(),
                later.plus(Duration.ofDays(1)), later, attempted.updatedAt());

        auth.verifications().update(changedElsewhere);

        Verification stored = auth.verifications().findByIdentifier(OTP).orElseThrow();
        assertThat(stored).isEqualTo(attempted);
        assertThat(stored.value()).isEqualTo("123456:1");
        assertThat(stored.updatedAt()).isEqualTo(later);
        assertThat(auth.verifications().findByIdentifier(MAGIC_LINK)).isEmpty();
    }

    @Test
    void remove_consumes_the_row_once() {
        Verification verification = aVerification(MAGIC_LINK, "{}", Duration.ofMinutes(5));
        Verification other = aVerification(OTP, "123456:0", Duration.ofMinutes(5));

        assertThat(auth.verifications().remove(verification.id())).isTrue();
        assertThat(auth.verifications().remove(verification.id())).isFalse();

        assertThat(auth.verifications().findByIdentifier(MAGIC_LINK)).isEmpty();
        assertThat(auth.verifications().findByIdentifier(OTP)).contains(other);
        assertThat(auth.verifications().remove("no-such-row")).isFalse();
    }

    @Test
    void remove_by_identifier_removes_every_row_of_that_identifier() {
        aVerification(OTP, "111111:0", Duration.ofMinutes(5));
        aVerification(OTP, "222222:0", Duration.ofMinutes(5));
        Verification other = aVerification(MAGIC_LINK, "{}", Duration.ofMinutes(5));

        assertThat(auth.verifications().removeByIdentifier(OTP)).isEqualTo(2);
        assertThat(auth.verifications().removeByIdentifier(OTP)).isZero();

        assertThat(auth.verifications().findByIdentifier(OTP)).isEmpty();
        assertThat(auth.verifications().findByIdentifier(MAGIC_LINK)).contains(other);
    }

    @Test
    void remove_expired_deletes_rows_that_expired_strictly_before_now_in_batches_of_at_most_limit() {
        Instant now = Instant.parse("2026-06-01T12:00:00.500Z");
        aVerificationExpiringAt("a", now.minusSeconds(3));
        aVerificationExpiringAt("b", now.minusSeconds(2));
        aVerificationExpiringAt("c", now.minusMillis(1));
        Verification expiringNow = aVerificationExpiringAt("d", now);
        Verification valid = aVerificationExpiringAt("e", now.plusMillis(1));

        assertThat(auth.verifications().removeExpired(now, 2)).isEqualTo(2);
        assertThat(auth.verifications().removeExpired(now, 2)).isEqualTo(1);
        assertThat(auth.verifications().removeExpired(now, 2)).isZero();

        assertThat(auth.verifications().findByIdentifier("a")).isEmpty();
        assertThat(auth.verifications().findByIdentifier("b")).isEmpty();
        assertThat(auth.verifications().findByIdentifier("c")).isEmpty();
        assertThat(auth.verifications().findByIdentifier("d")).contains(expiringNow);
        assertThat(auth.verifications().findByIdentifier("e")).contains(valid);
    }
}
