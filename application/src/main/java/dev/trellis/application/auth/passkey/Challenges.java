package dev.trellis.application.auth.passkey;

import dev.trellis.application.auth.internal.RandomTokens;
import dev.trellis.application.auth.internal.SingleUse;
import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.auth.VerificationRepository;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * A ceremony's challenge as Better Auth keeps it: 32 random bytes (base64url in the options), in a
 * {@code verification} row keyed by a random 32-character value that the signed cookie carries,
 * valid five minutes and consumed by the first verification that presents the cookie.
 */
final class Challenges {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final VerificationRepository verifications;
    private final ChallengeRecords records;
    private final Clock clock;

    Challenges(VerificationRepository verifications, ChallengeRecords records, Clock clock) {
        this.verifications = verifications;
        this.records = records;
        this.clock = clock;
    }

    static String newChallenge() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Stores the challenge; answers the cookie's value. */
    String issue(PasskeyChallenge challenge) {
        String key = RandomTokens.of(RandomTokens.ALPHANUMERIC, 32);
        verifications.add(Verification.issue(key, records.write(challenge), PasskeySettings.CHALLENGE_LIFETIME,
                clock.instant()));
        return key;
    }

    /** The challenge of this ceremony type, consumed; CHALLENGE_NOT_FOUND for no cookie, a used, expired or other one. */
    PasskeyChallenge consume(String cookieValue, String type) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            throw PasskeyFailures.challengeNotFound();
        }
        return SingleUse.consume(verifications, cookieValue, clock.instant())
                .flatMap(row -> records.read(row.value()))
                .filter(challenge -> type.equals(challenge.type()))
                .orElseThrow(PasskeyFailures::challengeNotFound);
    }
}
