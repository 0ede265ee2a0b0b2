package dev.trellis.application.auth.twofactor;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.internal.CredentialPasswords;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.twofactor.SecondFactor.Passed;
import dev.trellis.application.auth.twofactor.SecondFactor.Proof;
import dev.trellis.application.auth.twofactor.SecondFactor.SignInOutcome;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.testing.MutableClock;
import dev.trellis.application.testing.RecordingMailer;
import dev.trellis.application.testing.SaltedSha256PasswordHasher;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two-factor flow against in-memory ports: enrolment confirmed by a first code, the challenge a
 * password sign-in turns into, backup codes used once, the account lock, trusted devices.
 */
class TwoFactorFlowTest {

    static final String PASSWORD = "password-123";
    static final ClientInfo CLIENT = new ClientInfo("127.0.0.1", "test");

    final InMemoryStore store = new InMemoryStore();
    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final SaltedSha256PasswordHasher hasher = new SaltedSha256PasswordHasher();
    final Sessions sessions = new Sessions(store.sessionRepository, AuthSettings.betterAuthDefaults(), clock);
    final RecordingMailer mailer = new RecordingMailer();
    final FakeTwoFactors twoFactors = new FakeTwoFactors();
    final FakeVault vault = new FakeVault();
    final FakeTotp totp = new FakeTotp();
    final TwoFactorSettings settings = TwoFactorSettings.betterAuthDefaults("Trellis");

    final EnrollTwoFactor enroll = new EnrollTwoFactor(twoFactors, vault, totp, store.accountRepository, hasher, sessions,
            store.sessionRepository, store.verificationRepository, settings, AuthSettings.betterAuthDefaults(), clock);
    final SecondFactor secondFactor = new SecondFactor(twoFactors, vault, totp, store.userRepository,
            store.verificationRepository, sessions, store.sessionRepository, mailer, settings, clock);

    User ada;
    String secret;
    List<String> backupCodes;

    SignedIn signedIn() {
        return new SignedIn(ada, sessions.open(ada.id(), true, CLIENT), true);
    }

    void enrolled() {
        ada = User.register(UserId.generate(), "Ada", new EmailAddress("ada@example.com"), true, clock.instant());
        store.userRepository.add(ada);
        CredentialPasswords.set(store.accountRepository, ada.id(), hasher.hash(PASSWORD), clock.instant());
        SignedIn caller = signedIn();
        EnrollTwoFactor.Enabled enabled = enroll.enable(caller, PASSWORD, null);
        secret = enabled.totpURI().substring("otpauth://".length());
        backupCodes = enabled.backupCodes();
        secondFactor.verifyTotp(Proof.of(caller, Optional.empty(), false), totp.code(secret, clock.instant()), false, CLIENT);
    }

    String challenge() {
        SignInOutcome outcome = secondFactor.afterSignIn(signedIn(), Optional.empty());
        assertThat(outcome.signedIn()).isNull();
        return outcome.challenge();
    }

    Proof proof(String challenge) {
        return Proof.of(null, Optional.of(challenge), false);
    }

    String now() {
        return totp.code(secret, clock.instant());
    }

    static void assertRefused(Executable call, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AuthFailure.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void enabling_takes_the_password_and_a_first_code_then_replaces_the_session() {
        ada = User.register(UserId.generate(), "Ada", new EmailAddress("ada@example.com"), true, clock.instant());
        store.userRepository.add(ada);
        CredentialPasswords.set(store.accountRepository, ada.id(), hasher.hash(PASSWORD), clock.instant());
        SignedIn caller = signedIn();

        assertRefused(() -> enroll.enable(caller, "wrong", null), "INVALID_PASSWORD");
        EnrollTwoFactor.Enabled enabled = enroll.enable(caller, PASSWORD, null);
        secret = enabled.totpURI().substring("otpauth://".length());
        assertThat(secret).hasSize(32);
        assertThat(enabled.backupCodes()).hasSize(10).allMatch(code -> code.matches("[A-Za-z0-9]{5}-[A-Za-z0-9]{5}"));
        assertThat(twoFactors.findByUser(ada.id()).orElseThrow().verified()).isFalse();
        assertThat(twoFactors.isEnabled(ada.id())).isFalse();

        Proof proof = Proof.of(caller, Optional.empty(), false);
        assertRefused(() -> secondFactor.verifyTotp(proof, "000000x", false, CLIENT), "INVALID_CODE");
        Passed passed = secondFactor.verifyTotp(proof, now(), false, CLIENT);

        assertThat(passed.token()).isEqualTo(caller.session().token().value());
        assertThat(passed.newSession()).isNotNull();
        assertThat(store.sessionRepository.findByToken(caller.session().token())).isEmpty();
        assertThat(twoFactors.isEnabled(ada.id())).isTrue();
        assertThat(twoFactors.findByUser(ada.id()).orElseThrow().verified()).isTrue();
        assertRefused(() -> enroll.enable(passed.newSession(), PASSWORD, null), "TOTP_ALREADY_ENABLED");
    }

    @Test
    void a_sign_in_becomes_a_challenge_that_one_right_code_settles_once() {
        enrolled();
        SignedIn password = signedIn();
        SignInOutcome outcome = secondFactor.afterSignIn(password, Optional.empty());
        assertThat(outcome.challenge()).startsWith("2fa-");
        assertThat(outcome.methods()).containsExactly("totp", "otp");
        assertThat(store.sessionRepository.findByToken(password.session().token())).as("dropped").isEmpty();

        assertRefused(() -> secondFactor.verifyTotp(proof(outcome.challenge()), "nope", false, CLIENT), "INVALID_CODE");
        assertThat(twoFactors.findByUser(ada.id()).orElseThrow().failedVerificationCount()).isEqualTo(1);
        Passed passed = secondFactor.verifyTotp(proof(outcome.challenge()), now(), true, CLIENT);

        assertThat(passed.challengeSettled()).isTrue();
        assertThat(passed.trustIdentifier()).startsWith("trust-device-");
        assertThat(store.sessionRepository.findByToken(passed.newSession().session().token())).isPresent();
        assertThat(twoFactors.findByUser(ada.id()).orElseThrow().failedVerificationCount()).isZero();
        assertRefused(() -> secondFactor.verifyTotp(proof(outcome.challenge()), now(), false, CLIENT),
                "INVALID_TWO_FACTOR_COOKIE");

        SignInOutcome trusted = secondFactor.afterSignIn(signedIn(), Optional.of(passed.trustIdentifier()));
        assertThat(trusted.signedIn()).isNotNull();
        assertThat(trusted.renewedTrust()).isNotEqualTo(passed.trustIdentifier());
        assertThat(secondFactor.afterSignIn(signedIn(), Optional.of(passed.trustIdentifier())).challenge())
                .as("a renewed trust replaces the old one").isNotNull();
    }

    @Test
    void a_challenge_expires_after_ten_minutes() {
        enrolled();
        String challenge = challenge();
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertRefused(() -> secondFactor.verifyTotp(proof(challenge), now(), false, CLIENT), "INVALID_TWO_FACTOR_COOKIE");
    }

    @Test
    void a_backup_code_works_once() {
        enrolled();
        String code = backupCodes.get(0);
        assertThat(secondFactor.verifyBackupCode(proof(challenge()), code, false, false, CLIENT).newSession()).isNotNull();
        assertRefused(() -> secondFactor.verifyBackupCode(proof(challenge()), code, false, false, CLIENT), "INVALID_BACKUP_CODE");
        assertThat(vault.openBackupCodes(twoFactors.findByUser(ada.id()).orElseThrow().backupCodes())).hasSize(9);
    }

    @Test
    void an_emailed_code_settles_the_challenge_and_five_misses_use_it_up() {
        enrolled();
        String challenge = challenge();
        secondFactor.sendOtp(proof(challenge));
        String code = mailer.lastCode();
        for (int i = 0; i < 5; i++) {
            assertRefused(() -> secondFactor.verifyOtp(proof(challenge), "x" + code, false, CLIENT), "INVALID_CODE");
        }
        assertRefused(() -> secondFactor.verifyOtp(proof(challenge), code, false, CLIENT), "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE");

        secondFactor.sendOtp(proof(challenge));
        assertThat(secondFactor.verifyOtp(proof(challenge), mailer.lastCode(), false, CLIENT).challengeSettled()).isTrue();
    }

    @Test
    void ten_failures_in_a_row_lock_the_account_for_fifteen_minutes() {
        enrolled();
        String first = challenge();
        for (int i = 0; i < 5; i++) {
            assertRefused(() -> secondFactor.verifyTotp(proof(first), "nope", false, CLIENT), "INVALID_CODE");
        }
        assertRefused(() -> secondFactor.verifyTotp(proof(first), now(), false, CLIENT), "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE");
        String second = challenge();
        for (int i = 0; i < 5; i++) {
            assertRefused(() -> secondFactor.verifyTotp(proof(second), "nope", false, CLIENT), "INVALID_CODE");
        }
        assertThat(twoFactors.findByUser(ada.id()).orElseThrow().lockedUntil())
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));

        String third = challenge();
        assertRefused(() -> secondFactor.verifyTotp(proof(third), now(), false, CLIENT), "ACCOUNT_TEMPORARILY_LOCKED");
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        String fourth = challenge();
        assertThat(secondFactor.verifyTotp(proof(fourth), now(), false, CLIENT).challengeSettled()).isTrue();
    }

    @Test
    void disabling_takes_a_fresh_session_and_the_password_and_forgets_the_enrolment() {
        enrolled();
        SignedIn stale = signedIn();
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertRefused(() -> enroll.disable(stale, PASSWORD, Optional.empty(), CLIENT), "SESSION_NOT_FRESH");
        SignedIn caller = signedIn();
        assertRefused(() -> enroll.disable(caller, "wrong", Optional.empty(), CLIENT), "INVALID_PASSWORD");
        enroll.disable(caller, PASSWORD, Optional.empty(), CLIENT);
        assertThat(twoFactors.isEnabled(ada.id())).isFalse();
        assertThat(twoFactors.findByUser(ada.id())).isEmpty();
        assertThat(secondFactor.afterSignIn(signedIn(), Optional.empty()).signedIn()).isNotNull();
    }

    /** Codes that change every 30 seconds and differ per secret; the RFC 6238 arithmetic is the adapter's. */
    static final class FakeTotp implements TotpCodes {
        public boolean verify(String secret, String code, Instant now) {
            return code.equals(code(secret, now));
        }

        public String code(String secret, Instant at) {
            return "%06d".formatted(Math.floorMod((secret + at.getEpochSecond() / 30).hashCode(), 1_000_000));
        }

        public String uri(String secret, String issuer, String account) {
            return "otpauth://" + secret;
        }
    }

    static final class FakeVault implements TwoFactorVault {
        public String sealSecret(String secret) {
            return "sealed:" + secret;
        }

        public String openSecret(String sealed) {
            return sealed.substring("sealed:".length());
        }

        public String sealBackupCodes(List<String> codes) {
            return "sealed:" + String.join(",", codes);
        }

        public List<String> openBackupCodes(String sealed) {
            String codes = sealed.substring("sealed:".length());
            return codes.isEmpty() ? List.of() : Arrays.asList(codes.split(","));
        }
    }

    static final class FakeTwoFactors implements TwoFactorRepository {
        final Map<String, TwoFactorRecord> rows = new HashMap<>();
        final Set<UserId> enabled = new HashSet<>();

        public Optional<TwoFactorRecord> findByUser(UserId user) {
            return rows.values().stream().filter(row -> row.userId().equals(user)).findFirst();
        }

        public void add(TwoFactorRecord record) {
            rows.put(record.id(), record);
        }

        public void update(TwoFactorRecord record) {
            TwoFactorRecord old = rows.get(record.id());
            rows.put(record.id(), new TwoFactorRecord(old.id(), old.userId(), record.secret(), record.backupCodes(),
                    record.verified(), old.failedVerificationCount(), old.lockedUntil()));
        }

        public boolean replaceBackupCodes(String id, String expected, String replacement) {
            TwoFactorRecord old = rows.get(id);
            if (!old.backupCodes().equals(expected)) {
                return false;
            }
            rows.put(id, new TwoFactorRecord(id, old.userId(), old.secret(), replacement, old.verified(),
                    old.failedVerificationCount(), old.lockedUntil()));
            return true;
        }

        public int countFailure(String id) {
            TwoFactorRecord old = rows.get(id);
            rows.put(id, new TwoFactorRecord(id, old.userId(), old.secret(), old.backupCodes(), old.verified(),
                    old.failedVerificationCount() + 1, old.lockedUntil()));
            return old.failedVerificationCount() + 1;
        }

        public void lockUntil(String id, Instant until) {
            TwoFactorRecord old = rows.get(id);
            rows.put(id, new TwoFactorRecord(id, old.userId(), old.secret(), old.backupCodes(), old.verified(),
                    old.failedVerificationCount(), until));
        }

        public void clearFailures(String id) {
            TwoFactorRecord old = rows.get(id);
            rows.put(id, new TwoFactorRecord(id, old.userId(), old.secret(), old.backupCodes(), old.verified(), 0, null));
        }

        public void removeByUser(UserId user) {
            new ArrayList<>(rows.values()).stream().filter(row -> row.userId().equals(user)).forEach(row -> rows.remove(row.id()));
        }

        public boolean isEnabled(UserId user) {
            return enabled.contains(user);
        }

        public void setEnabled(UserId user, boolean on) {
            if (on) {
                enabled.add(user);
            } else {
                enabled.remove(user);
            }
        }
    }
}
