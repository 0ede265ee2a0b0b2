package dev.trellis.application.auth.twofactor;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.internal.RandomTokens;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.password.PasswordHasher;
import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.shared.Ids;
import dev.trellis.domain.shared.UserId;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Better Auth's {@code /two-factor/enable}, {@code /disable}, {@code /get-totp-uri} and
 * {@code /generate-backup-codes}, each confirmed with the caller's password ({@code INVALID_PASSWORD}
 * otherwise). Enabling stores a fresh secret and ten backup codes, unconfirmed until
 * {@link SecondFactor#verifyTotp} sees a first code; disabling drops the enrolment and replaces the
 * caller's session as Better Auth does.
 */
public class EnrollTwoFactor {

    /** Better Auth's {@code generateRandomString} alphabet for the TOTP secret. */
    static final String SECRET_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

    public record Enabled(String totpURI, List<String> backupCodes) {
    }

    private final TwoFactorRepository twoFactors;
    private final TwoFactorVault vault;
    private final TotpCodes totp;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final SessionRepository sessionRows;
    private final VerificationRepository verifications;
    private final TwoFactorSettings settings;
    private final AuthSettings authSettings;
    private final Clock clock;

    public EnrollTwoFactor(TwoFactorRepository twoFactors, TwoFactorVault vault, TotpCodes totp, AccountRepository accounts,
                           PasswordHasher hasher, Sessions sessions, SessionRepository sessionRows,
                           VerificationRepository verifications, TwoFactorSettings settings, AuthSettings authSettings,
                           Clock clock) {
        this.twoFactors = twoFactors;
        this.vault = vault;
        this.totp = totp;
        this.accounts = accounts;
        this.hasher = hasher;
        this.sessions = sessions;
        this.sessionRows = sessionRows;
        this.verifications = verifications;
        this.settings = settings;
        this.authSettings = authSettings;
        this.clock = clock;
    }

    @Transactional
    public Enabled enable(SignedIn caller, String password, String issuer) {
        UserId user = caller.user().id();
        confirmPassword(user, password);
        Optional<TwoFactorRecord> existing = twoFactors.findByUser(user);
        if (existing.isPresent() && existing.get().verified()) {
            throw TwoFactorFailures.totpAlreadyEnabled();
        }
        List<String> codes = newBackupCodes();
        String secret = RandomTokens.of(SECRET_ALPHABET, 32);
        String sealedSecret = vault.sealSecret(secret);
        String sealedCodes = vault.sealBackupCodes(codes);
        if (existing.isPresent()) {
            TwoFactorRecord old = existing.get();
            twoFactors.update(new TwoFactorRecord(old.id(), user, sealedSecret, sealedCodes, false,
                    old.failedVerificationCount(), old.lockedUntil()));
        } else {
            twoFactors.add(new TwoFactorRecord(Ids.nanoid(32), user, sealedSecret, sealedCodes, false, 0, null));
        }
        String uriIssuer = issuer == null || issuer.isEmpty() ? settings.issuer() : issuer;
        return new Enabled(totp.uri(secret, uriIssuer, caller.user().email().value()), codes);
    }

    /** {@code method: "otp"}: codes by email only, on at once; the caller's session is replaced. */
    @Transactional
    public SignedIn enableOtp(SignedIn caller, String password, ClientInfo client) {
        UserId user = caller.user().id();
        confirmPassword(user, password);
        twoFactors.setEnabled(user, true);
        SignedIn renewed = new SignedIn(caller.user(), sessions.open(user, caller.rememberMe(), client), caller.rememberMe());
        sessionRows.removeByToken(caller.session().token());
        return renewed;
    }

    /**
     * The caller's new session (the old one is gone); {@code trustIdentifier}, if any, is forgotten too.
     * A sensitive route in Better Auth: the session must be fresh ({@code SESSION_NOT_FRESH}).
     */
    @Transactional
    public SignedIn disable(SignedIn caller, String password, Optional<String> trustIdentifier, ClientInfo client) {
        if (!caller.session().isFresh(clock.instant(), authSettings.freshAge())) {
            throw AuthFailure.sessionNotFresh();
        }
        UserId user = caller.user().id();
        confirmPassword(user, password);
        twoFactors.setEnabled(user, false);
        twoFactors.removeByUser(user);
        SignedIn renewed = new SignedIn(caller.user(), sessions.open(user, caller.rememberMe(), client), caller.rememberMe());
        sessionRows.removeByToken(caller.session().token());
        trustIdentifier.ifPresent(verifications::removeByIdentifier);
        return renewed;
    }

    @Transactional(readOnly = true)
    public String totpUri(SignedIn caller, String password) {
        TwoFactorRecord record = twoFactors.findByUser(caller.user().id()).orElseThrow(TwoFactorFailures::totpNotEnabled);
        String secret = vault.openSecret(record.secret());
        confirmPassword(caller.user().id(), password);
        return totp.uri(secret, settings.issuer(), caller.user().email().value());
    }

    @Transactional
    public List<String> generateBackupCodes(SignedIn caller, String password) {
        UserId user = caller.user().id();
        if (!twoFactors.isEnabled(user)) {
            throw TwoFactorFailures.twoFactorNotEnabled();
        }
        confirmPassword(user, password);
        TwoFactorRecord record = twoFactors.findByUser(user).orElseThrow(TwoFactorFailures::twoFactorNotEnabled);
        List<String> codes = newBackupCodes();
        twoFactors.update(new TwoFactorRecord(record.id(), user, record.secret(), vault.sealBackupCodes(codes),
                record.verified(), record.failedVerificationCount(), record.lockedUntil()));
        return codes;
    }

    /** Ten codes of ten letters and digits, written {@code xxxxx-xxxxx}. */
    static List<String> newBackupCodes() {
        return IntStream.range(0, 10).mapToObj(i -> RandomTokens.of(RandomTokens.ALPHANUMERIC, 10))
                .map(code -> code.substring(0, 5) + "-" + code.substring(5)).toList();
    }

    private void confirmPassword(UserId user, String password) {
        Optional<String> hash = accounts.findCredential(user).map(Account::password);
        if (password == null || hash.isEmpty()) {
            if (password != null) {
                hasher.hash(password); // same cost as a real check
            }
            throw AuthFailure.invalidPassword();
        }
        if (!hasher.matches(password, hash.get())) {
            throw AuthFailure.invalidPassword();
        }
    }
}
