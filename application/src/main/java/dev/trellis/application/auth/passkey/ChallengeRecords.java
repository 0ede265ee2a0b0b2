package dev.trellis.application.auth.passkey;

import java.util.Optional;

/** Answers how a {@link PasskeyChallenge} is written in a {@code verification} row, and reads one back. */
public interface ChallengeRecords {

    String write(PasskeyChallenge challenge);

    /** Empty for anything that is not a challenge Better Auth's passkey plugin could have written. */
    Optional<PasskeyChallenge> read(String value);
}
