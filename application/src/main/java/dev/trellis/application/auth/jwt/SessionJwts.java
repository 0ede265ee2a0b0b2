package dev.trellis.application.auth.jwt;

import dev.trellis.application.auth.internal.RandomTokens;
import dev.trellis.domain.user.User;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Better Auth's {@code jwt} plugin: the JWT of a signed-in user ({@code /token} and the
 * {@code set-auth-jwt} header of {@code get-session}) and the public keys that verify it ({@code /jwks}).
 * The newest live key of the default algorithm signs (keys of other algorithms, which a differently
 * configured Better Auth server may have made, are published but not used); a key is made on first need and, when keys
 * rotate, once the newest has expired. Every key is published until its grace period after expiry
 * has passed, so tokens signed before a rotation keep verifying. Two servers sharing the table use
 * the same keys.
 */
public class SessionJwts {

    private static final int KEY_ID_LENGTH = 32;

    private final SigningKeyRepository keys;
    private final JwtKeyMaterial material;
    private final JwtSettings settings;
    private final Clock clock;

    public SessionJwts(SigningKeyRepository keys, JwtKeyMaterial material, JwtSettings settings, Clock clock) {
        this.keys = keys;
        this.material = material;
        this.settings = settings;
        this.clock = clock;
    }

    /** A JWT for {@code user}: {@code sub} its id, the user as payload, expiring after the lifetime. */
    public String issue(User user) {
        Instant now = clock.instant();
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        SessionJwtClaims claims = new SessionJwtClaims(issuedAt, user, user.id().value(),
                issuedAt.plus(settings.lifetime()), settings.issuer(), settings.audience());
        return material.sign(signingKey(now), claims);
    }

    /** The keys a verifier may meet: every key not past its grace period; the first key is made here if none exists. */
    public List<SigningKey> publishedKeys() {
        Instant now = clock.instant();
        List<SigningKey> all = keys.all();
        if (all.isEmpty()) {
            newKey(now);
            all = keys.all();
        }
        return all.stream()
                .filter(key -> key.expiresAt() == null || key.expiresAt().plus(settings.gracePeriod()).isAfter(now))
                .toList();
    }

    /** The algorithm of a row that does not name its own. */
    public String defaultAlg() {
        return material.defaultAlg();
    }

    private SigningKey signingKey(Instant now) {
        List<SigningKey> all = keys.all();
        String defaultAlg = material.defaultAlg();
        Comparator<SigningKey> newestFirst = Comparator.comparing(SigningKey::createdAt).reversed();
        Optional<SigningKey> newest = all.stream()
                .filter(key -> key.liveAt(now) && key.algOr(defaultAlg).equals(defaultAlg))
                .min(newestFirst);
        return newest.orElseGet(() -> newKey(now));
    }

    private SigningKey newKey(Instant now) {
        Instant expiresAt = settings.rotationInterval() == null ? null : now.plus(settings.rotationInterval());
        SigningKey key = material.newKey(RandomTokens.of(RandomTokens.ALPHANUMERIC, KEY_ID_LENGTH), now, expiresAt);
        keys.add(key);
        return key;
    }
}
