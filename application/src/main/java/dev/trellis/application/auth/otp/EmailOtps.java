package dev.trellis.application.auth.otp;

import dev.trellis.application.auth.EmailFlowFailures;
import dev.trellis.application.auth.EmailFlowSettings;
import dev.trellis.application.auth.EmailOtpType;
import dev.trellis.application.auth.internal.RandomTokens;
import dev.trellis.application.auth.internal.SingleUse;
import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.shared.Ids;
import dev.trellis.domain.user.EmailAddress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Better Auth's email one-time codes: 6 digits in a {@code verification} row with identifier
 * {@code <type>-otp-<email>} and value {@code <otp>:<wrong guesses>}, valid 5 minutes. Checking one
 * consumes the row first (so two racing guesses never both count against one row): an expired row
 * is deleted and refused with OTP_EXPIRED; a row already guessed wrong 3 times stays deleted and is
 * refused with TOO_MANY_ATTEMPTS; a wrong guess puts the row back with one more wrong guess and its
 * original expiry; a right one leaves it consumed.
 * <p>
 * Callers run in a transaction that does not roll back on {@link AuthFailure}, so a wrong guess is
 * counted and an expired row deleted even though the request fails.
 */
final class EmailOtps {

    static final int LENGTH = 6;

    private final VerificationRepository rows;
    private final EmailFlowSettings settings;
    private final Clock clock;

    EmailOtps(VerificationRepository rows, EmailFlowSettings settings, Clock clock) {
        this.rows = rows;
        this.settings = settings;
        this.clock = clock;
    }

    static String identifier(EmailOtpType type, EmailAddress email) {
        return type.wireName() + "-otp-" + email.value();
    }

    /** A new code replacing any earlier one for the same purpose and address; returns the code. */
    String issue(EmailOtpType type, EmailAddress email) {
        String otp = RandomTokens.of(RandomTokens.DIGITS, LENGTH);
        String identifier = identifier(type, email);
        rows.removeByIdentifier(identifier);
        rows.add(Verification.issue(identifier, otp + ":0", settings.otpExpiresIn(), clock.instant()));
        return otp;
    }

    /** Checks the code; {@code keep} puts a correct code back (Better Auth's check-verification-otp). */
    void verify(EmailOtpType type, EmailAddress email, String given, boolean keep) {
        Instant now = clock.instant();
        String identifier = identifier(type, email);
        Optional<Verification> existing = rows.findByIdentifier(identifier);
        if (existing.isPresent() && existing.get().isExpired(now)) {
            rows.removeByIdentifier(identifier);
            throw EmailFlowFailures.otpExpired();
        }
        Verification consumed = SingleUse.consume(rows, identifier, now).orElseThrow(EmailFlowFailures::invalidOtp);
        int colon = consumed.value().lastIndexOf(':');
        String stored = colon < 0 ? consumed.value() : consumed.value().substring(0, colon);
        int attempts = colon < 0 ? 0 : attempts(consumed.value().substring(colon + 1));
        if (attempts >= settings.otpAllowedAttempts()) {
            throw EmailFlowFailures.tooManyAttempts();
        }
        if (given == null || !MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            putBack(consumed, stored + ":" + (attempts + 1), now);
            throw EmailFlowFailures.invalidOtp();
        }
        if (keep) {
            putBack(consumed, consumed.value(), now);
        }
    }

    private void putBack(Verification consumed, String value, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        rows.add(new Verification(Ids.nanoid(32), consumed.identifier(), value, consumed.expiresAt(), at, at));
    }

    private static int attempts(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
