package dev.trellis.application.auth.twofactor;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.internal.RandomTokens;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.internal.SingleUse;
import dev.trellis.application.auth.mail.MailMessage;
import dev.trellis.application.auth.mail.Mailer;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The second factor, as Better Auth's {@code twoFactor} plugin asks for it. A password sign-in of a
 * user with two-factor on opens no session: {@link #afterSignIn} drops it and issues a challenge (a
 * {@code verification} row the two-factor cookie names, 10 minutes, with its own 5-attempt budget),
 * unless a trusted-device record vouches for the browser. {@link #verifyTotp}, {@link #verifyBackupCode}
 * and {@link #verifyOtp} then settle the challenge with a session; for a caller who is signed in they
 * confirm an enrolment instead. Failed sign-in verifications count toward the account lock (10 in a
 * row lock it for 15 minutes, 429 {@code ACCOUNT_TEMPORARILY_LOCKED}); failures are written even though
 * the answer is an error.
 */
public class SecondFactor {

    static final String CHALLENGE_PREFIX = "2fa-";
    static final String ATTEMPTS_PREFIX = "2fa-attempts-";
    static final String OTP_PREFIX = "2fa-otp-";
    static final String TRUST_PREFIX = "trust-device-";

    /** Who is proving: a signed-in caller (enrolment) or the challenge of a pending sign-in. */
    public record Proof(SignedIn caller, String challenge, boolean dontRemember) {

        public static Proof of(SignedIn caller, Optional<String> challenge, boolean dontRemember) {
            if (caller != null) {
                return new Proof(caller, null, dontRemember);
            }
            return new Proof(null, challenge.orElseThrow(TwoFactorFailures::invalidTwoFactorCookie), dontRemember);
        }

        boolean isSignIn() {
            return caller == null;
        }
    }

    /**
     * The answer of a verification: {@code token} and {@code user} for the body; {@code newSession}, when
     * set, goes into the session cookie; {@code trustIdentifier}, when set, into the trust cookie;
     * {@code challengeSettled} expires the two-factor cookie.
     */
    public record Passed(String token, User user, SignedIn newSession, String trustIdentifier, boolean challengeSettled) {
    }

    /**
     * What a password sign-in becomes: {@code signedIn} when no second factor is due (with a renewed
     * trust identifier when a trusted device vouched), else a {@code challenge} with the methods on offer.
     */
    public record SignInOutcome(SignedIn signedIn, String renewedTrust, String challenge, List<String> methods) {
    }

    private final TwoFactorRepository twoFactors;
    private final TwoFactorVault vault;
    private final TotpCodes totp;
    private final UserRepository users;
    private final VerificationRepository verifications;
    private final Sessions sessions;
    private final SessionRepository sessionRows;
    private final Mailer mailer;
    private final TwoFactorSettings settings;
    private final Clock clock;

    public SecondFactor(TwoFactorRepository twoFactors, TwoFactorVault vault, TotpCodes totp, UserRepository users,
                        VerificationRepository verifications, Sessions sessions, SessionRepository sessionRows,
                        Mailer mailer, TwoFactorSettings settings, Clock clock) {
        this.twoFactors = twoFactors;
        this.vault = vault;
        this.totp = totp;
        this.users = users;
        this.verifications = verifications;
        this.sessions = sessions;
        this.sessionRows = sessionRows;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code trustIdentifier}: from an authentic trust cookie made for this user, if the browser sent one. */
    @Transactional
    public SignInOutcome afterSignIn(SignedIn signedIn, Optional<String> trustIdentifier) {
        UserId user = signedIn.user().id();
        if (!twoFactors.isEnabled(user)) {
            return new SignInOutcome(signedIn, null, null, List.of());
        }
        Instant now = clock.instant();
        if (trustIdentifier.isPresent()) {
            Optional<Verification> trusted = verifications.findByIdentifier(trustIdentifier.get());
            if (trusted.isPresent() && trusted.get().value().equals(user.value()) && trusted.get().expiresAt().isAfter(now)) {
                verifications.removeByIdentifier(trustIdentifier.get());
                return new SignInOutcome(signedIn, trust(user, now), null, List.of());
            }
        }
        sessionRows.removeByToken(signedIn.session().token());
        String challenge = CHALLENGE_PREFIX + RandomTokens.of(EnrollTwoFactor.SECRET_ALPHABET, 20);
        verifications.add(Verification.issue(challenge, user.value(), settings.challengeLifetime(), now));
        verifications.add(Verification.issue(ATTEMPTS_PREFIX + challenge, "0", settings.challengeLifetime(), now));
        List<String> methods = new ArrayList<>();
        if (twoFactors.findByUser(user).filter(TwoFactorRecord::verified).isPresent()) {
            methods.add("totp");
        }
        methods.add("otp");
        return new SignInOutcome(null, null, challenge, List.copyOf(methods));
    }

    @Transactional(noRollbackFor = AuthFailure.class)
    public Passed verifyTotp(Proof proof, String code, boolean trustDevice, ClientInfo client) {
        Instant now = clock.instant();
        User user = userOf(proof, now);
        TwoFactorRecord record = twoFactors.findByUser(user.id()).orElseThrow(TwoFactorFailures::totpNotEnabled);
        if (proof.isSignIn() && !record.verified()) {
            throw TwoFactorFailures.totpNotEnabled();
        }
        Attempt attempt = begin(proof, record, now);
        boolean valid = code != null && totp.verify(vault.openSecret(record.secret()), code, now);
        if (!valid) {
            attempt.fail();
            throw TwoFactorFailures.invalidCode();
        }
        attempt.succeed();
        if (!proof.isSignIn() && !record.verified()) {
            twoFactors.update(new TwoFactorRecord(record.id(), user.id(), record.secret(), record.backupCodes(), true,
                    record.failedVerificationCount(), record.lockedUntil()));
            if (!twoFactors.isEnabled(user.id())) {
                return enableFor(proof.caller(), client, false);
            }
        }
        return pass(proof, user, trustDevice, client, now);
    }

    @Transactional(noRollbackFor = AuthFailure.class)
    public Passed verifyBackupCode(Proof proof, String code, boolean trustDevice, boolean disableSession, ClientInfo client) {
        Instant now = clock.instant();
        User user = userOf(proof, now);
        TwoFactorRecord record = twoFactors.findByUser(user.id()).orElseThrow(TwoFactorFailures::backupCodesNotEnabled);
        Attempt attempt = begin(proof, record, now);
        List<String> codes = vault.openBackupCodes(record.backupCodes());
        if (code == null || !codes.contains(code)) {
            attempt.fail();
            throw TwoFactorFailures.invalidBackupCode();
        }
        List<String> left = codes.stream().filter(kept -> !kept.equals(code)).toList();
        if (!twoFactors.replaceBackupCodes(record.id(), record.backupCodes(), vault.sealBackupCodes(left))) {
            throw new AuthFailure(AuthFailure.Kind.CONFLICT, "CONFLICT", "Failed to verify backup code. Please try again.");
        }
        attempt.succeed();
        if (disableSession) {
            return new Passed(proof.isSignIn() ? null : proof.caller().session().token().value(), user, null, null, false);
        }
        return pass(proof, user, trustDevice, client, now);
    }

    /** Mails a six-digit code valid for 3 minutes to the user who is proving. */
    @Transactional
    public void sendOtp(Proof proof) {
        Instant now = clock.instant();
        User user = userOf(proof, now);
        String code = RandomTokens.of(RandomTokens.DIGITS, 6);
        verifications.add(Verification.issue(OTP_PREFIX + key(proof), code + ":0", settings.otpLifetime(), now));
        mailer.send(new MailMessage(user.email().value(), "Your verification code", """
                Your code: %s

                It is valid for 3 minutes. If you did not try to sign in, change your password.
                """.formatted(code)));
    }

    @Transactional(noRollbackFor = AuthFailure.class)
    public Passed verifyOtp(Proof proof, String code, boolean trustDevice, ClientInfo client) {
        Instant now = clock.instant();
        User user = userOf(proof, now);
        Optional<TwoFactorRecord> record = proof.isSignIn() ? twoFactors.findByUser(user.id()) : Optional.empty();
        record.ifPresent(found -> assertNotLocked(found, now));
        String identifier = OTP_PREFIX + key(proof);
        Verification consumed = SingleUse.consume(verifications, identifier, now).orElseThrow(TwoFactorFailures::otpHasExpired);
        int colon = consumed.value().lastIndexOf(':');
        String stored = colon < 0 ? consumed.value() : consumed.value().substring(0, colon);
        int attempts = colon < 0 ? 0 : parse(consumed.value().substring(colon + 1));
        if (attempts >= settings.otpAttempts()) {
            throw TwoFactorFailures.tooManyAttempts();
        }
        if (code != null && MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8), code.getBytes(StandardCharsets.UTF_8))) {
            record.ifPresent(found -> twoFactors.clearFailures(found.id()));
            if (!twoFactors.isEnabled(user.id())) {
                if (proof.isSignIn()) {
                    throw new AuthFailure(AuthFailure.Kind.BAD_REQUEST, "FAILED_TO_CREATE_SESSION", "Failed to create session");
                }
                return enableFor(proof.caller(), client, true);
            }
            return pass(proof, user, trustDevice, client, now);
        }
        verifications.add(new Verification(consumed.id(), identifier, stored + ":" + (attempts + 1), consumed.expiresAt(),
                consumed.createdAt(), now));
        record.ifPresent(found -> countFailure(found, now));
        throw TwoFactorFailures.invalidCode();
    }

    // --- the steps every verification shares

    private User userOf(Proof proof, Instant now) {
        if (!proof.isSignIn()) {
            return proof.caller().user();
        }
        Verification challenge = verifications.findByIdentifier(proof.challenge())
                .filter(row -> !row.isExpired(now)).orElseThrow(TwoFactorFailures::invalidTwoFactorCookie);
        return users.findById(new UserId(challenge.value())).orElseThrow(TwoFactorFailures::invalidTwoFactorCookie);
    }

    private String key(Proof proof) {
        return proof.isSignIn() ? proof.challenge()
                : proof.caller().user().id().value() + "!" + proof.caller().session().id().value();
    }

    private interface Attempt {
        void fail();

        void succeed();
    }

    /** On a sign-in: the account lock first, then one of the challenge's 5 attempts. */
    private Attempt begin(Proof proof, TwoFactorRecord record, Instant now) {
        if (!proof.isSignIn()) {
            return new Attempt() {
                public void fail() {
                }

                public void succeed() {
                }
            };
        }
        assertNotLocked(record, now);
        String identifier = ATTEMPTS_PREFIX + proof.challenge();
        Verification counter = SingleUse.consume(verifications, identifier, now)
                .orElseThrow(TwoFactorFailures::invalidTwoFactorCookie);
        int attempts = parse(counter.value());
        if (attempts >= settings.challengeAttempts()) {
            SingleUse.consume(verifications, proof.challenge(), now);
            throw TwoFactorFailures.tooManyAttempts();
        }
        return new Attempt() {
            public void fail() {
                verifications.add(new Verification(counter.id(), identifier, Integer.toString(attempts + 1),
                        counter.expiresAt(), counter.createdAt(), now));
                countFailure(record, now);
            }

            public void succeed() {
                twoFactors.clearFailures(record.id());
            }
        };
    }

    private void assertNotLocked(TwoFactorRecord record, Instant now) {
        if (record.lockedUntil() == null) {
            return;
        }
        if (record.lockedUntil().isAfter(now)) {
            throw TwoFactorFailures.locked();
        }
        twoFactors.clearFailures(record.id());
    }

    private void countFailure(TwoFactorRecord record, Instant now) {
        if (twoFactors.countFailure(record.id()) >= settings.maxFailures()) {
            twoFactors.lockUntil(record.id(), now.plus(settings.lockDuration()));
        }
    }

    /** A proof that held: a sign-in gets its session (and a trusted device if asked), a caller keeps theirs. */
    private Passed pass(Proof proof, User user, boolean trustDevice, ClientInfo client, Instant now) {
        if (!proof.isSignIn()) {
            return new Passed(proof.caller().session().token().value(), user, null, null, false);
        }
        Optional<Verification> challenge = SingleUse.consume(verifications, proof.challenge(), now);
        if (challenge.isEmpty() || !challenge.get().value().equals(user.id().value())) {
            throw TwoFactorFailures.invalidTwoFactorCookie();
        }
        boolean rememberMe = !proof.dontRemember();
        SignedIn signedIn = new SignedIn(user, sessions.open(user.id(), rememberMe, client), rememberMe);
        String trusted = trustDevice ? trust(user.id(), now) : null;
        return new Passed(signedIn.session().token().value(), user, signedIn, trusted, true);
    }

    /** The enrolment's first proof: two-factor goes on and the caller's session is replaced. */
    private Passed enableFor(SignedIn caller, ClientInfo client, boolean answerNewToken) {
        twoFactors.setEnabled(caller.user().id(), true);
        SignedIn renewed = new SignedIn(caller.user(), sessions.open(caller.user().id(), caller.rememberMe(), client),
                caller.rememberMe());
        sessionRows.removeByToken(caller.session().token());
        String token = answerNewToken ? renewed.session().token().value() : caller.session().token().value();
        return new Passed(token, caller.user(), renewed, null, false);
    }

    private String trust(UserId user, Instant now) {
        String identifier = TRUST_PREFIX + RandomTokens.of(EnrollTwoFactor.SECRET_ALPHABET, 32);
        verifications.add(Verification.issue(identifier, user.value(), settings.trustDeviceLifetime(), now));
        return identifier;
    }

    private static int parse(String number) {
        try {
            return Math.max(0, Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
