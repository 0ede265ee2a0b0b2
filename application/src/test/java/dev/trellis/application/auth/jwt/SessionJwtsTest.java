package dev.trellis.application.auth.jwt;

import dev.trellis.application.testing.MutableClock;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionJwtsTest {

    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final List<SigningKey> rows = new ArrayList<>();
    final SigningKeyRepository keys = new SigningKeyRepository() {
        @Override
        public List<SigningKey> all() {
            return List.copyOf(rows);
        }

        @Override
        public void add(SigningKey key) {
            rows.add(key);
        }
    };
    /** "signs" as kid|sub|iat|exp|iss, so the test sees which key signed what. */
    final JwtKeyMaterial material = new JwtKeyMaterial() {
        @Override
        public String defaultAlg() {
            return "EdDSA";
        }

        @Override
        public SigningKey newKey(String id, Instant createdAt, Instant expiresAt) {
            return new SigningKey(id, "{}", "\"sealed\"", createdAt, expiresAt, "EdDSA", "Ed25519");
        }

        @Override
        public String sign(SigningKey key, SessionJwtClaims claims) {
            return key.id() + "|" + claims.subject() + "|" + claims.issuedAt().getEpochSecond() + "|"
                    + claims.expiresAt().getEpochSecond() + "|" + claims.issuer() + "|" + claims.audience();
        }
    };
    final User user = User.register(new UserId("usr_abcdefghijkl"), "Ada", new EmailAddress("ada@example.com"), true,
            clock.instant());

    SessionJwts jwts(Duration rotation) {
        return new SessionJwts(keys, material,
                new JwtSettings("https://app.example", "https://app.example", JwtSettings.DEFAULT_LIFETIME, rotation,
                        Duration.ofDays(30)), clock);
    }

    @Test
    void theFirstTokenMakesTheKeyAndLaterTokensReuseIt() {
        SessionJwts jwts = jwts(null);
        String first = jwts.issue(user);
        clock.advance(Duration.ofDays(400));
        String second = jwts.issue(user);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).expiresAt()).isNull();
        long iat = Instant.parse("2026-03-01T10:00:00Z").getEpochSecond();
        assertThat(first).isEqualTo(rows.get(0).id() + "|usr_abcdefghijkl|" + iat + "|" + (iat + 900)
                + "|https://app.example|https://app.example");
        assertThat(second).startsWith(rows.get(0).id() + "|");
    }

    @Test
    void theKeySetMakesTheFirstKeyToo() {
        assertThat(jwts(null).publishedKeys()).hasSize(1).isEqualTo(rows);
    }

    @Test
    void rotationSignsWithTheNewestKeyAndKeepsPublishingTheOldOneForTheGracePeriod() {
        SessionJwts jwts = jwts(Duration.ofDays(7));
        jwts.issue(user);
        SigningKey old = rows.get(0);
        assertThat(old.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));

        clock.advance(Duration.ofDays(8));
        String afterRotation = jwts.issue(user);

        assertThat(rows).hasSize(2);
        SigningKey fresh = rows.get(1);
        assertThat(afterRotation).startsWith(fresh.id() + "|");
        assertThat(jwts.publishedKeys()).containsExactly(old, fresh);

        clock.advance(Duration.ofDays(30));
        assertThat(jwts.publishedKeys()).containsExactly(fresh);
    }

    @Test
    void keysOfAnotherAlgorithmAreNotUsedToSign() {
        rows.add(new SigningKey("rsa", "{}", "\"x\"", clock.instant(), null, "RS256", null));
        SessionJwts jwts = jwts(null);

        String token = jwts.issue(user);

        assertThat(rows).hasSize(2);
        assertThat(token).startsWith(rows.get(1).id() + "|");
        assertThat(jwts.publishedKeys()).hasSize(2);
    }
}
