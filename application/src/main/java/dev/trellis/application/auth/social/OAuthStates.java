package dev.trellis.application.auth.social;

import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.auth.VerificationRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Better Auth's database-backed OAuth state: a {@code verification} row {@code auth-state:<state>}
 * whose value is the state's JSON, valid 10 minutes, consumed (deleted) by the one callback that
 * presents the state together with the browser's state cookie.
 */
public class OAuthStates {

    public static final String IDENTIFIER_PREFIX = "auth-state:";
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    /** What became of the state a callback presented; {@code errorURL} is the flow's own error page, when known. */
    public sealed interface Taken {
        record Valid(OAuthState state) implements Taken {
        }

        /** Better Auth's {@code state_mismatch}: unknown, used, not this browser's, or expired. */
        record Mismatch(String errorURL) implements Taken {
        }

        /** A row that is not a readable OAuth state (Better Auth answers {@code internal_server_error}). */
        record Unreadable() implements Taken {
        }
    }

    private final VerificationRepository verifications;
    private final OAuthStateCodec codec;
    private final Clock clock;

    public OAuthStates(VerificationRepository verifications, OAuthStateCodec codec, Clock clock) {
        this.verifications = verifications;
        this.codec = codec;
        this.clock = clock;
    }

    @Transactional
    public void save(OAuthState state) {
        verifications.add(Verification.issue(IDENTIFIER_PREFIX + state.state(), codec.write(state), LIFETIME, clock.instant()));
    }

    /**
     * Better Auth's checks in its order: the row must exist and name this state, the state cookie
     * (already verified, null when absent or forged) must hold the same state, then the row is
     * deleted — only one of two racing callbacks gets it — and an expired state is refused.
     */
    @Transactional
    public Taken take(String state, String stateFromCookie) {
        Optional<Verification> row = verifications.findByIdentifier(IDENTIFIER_PREFIX + state);
        if (row.isEmpty()) {
            return new Taken.Mismatch(null);
        }
        OAuthState data;
        try {
            data = codec.read(row.get().value());
        } catch (IllegalArgumentException e) {
            return new Taken.Unreadable();
        }
        if (data.state() != null && !data.state().equals(state)) {
            return new Taken.Mismatch(data.errorURL());
        }
        if (stateFromCookie == null || !stateFromCookie.equals(state)) {
            return new Taken.Mismatch(data.errorURL());
        }
        if (!verifications.remove(row.get().id())) {
            return new Taken.Mismatch(null);
        }
        Instant now = clock.instant();
        if (data.expiresAt().isBefore(now) || row.get().isExpired(now)) {
            return new Taken.Mismatch(data.errorURL());
        }
        return new Taken.Valid(data);
    }
}
