package dev.trellis.application.auth.passkey;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.internal.RandomTokens;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.shared.Ids;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Better Auth's {@code /passkey/generate-register-options} and {@code /passkey/verify-registration}
 * for a signed-in user with a fresh session (with {@code requireSession} off: any session for the
 * options, and the challenge alone names the user at verification): options that exclude the user's
 * passkeys, then the attestation checked against the stored challenge and the passkey saved (with a
 * new session when {@code createSession} is asked).
 */
public class RegisterPasskey {

    public record Options(String cookieValue, String challenge, String rpName, String rpId, String userHandle,
                          String userName, String displayName, List<Passkey> exclude,
                          PasskeySettings.AuthenticatorSelection selection) {
    }

    public record Command(String cookieValue, String responseJson, String transports, String name,
                          boolean createSession, String requestOrigin, ClientInfo client) {
    }

    /** The saved passkey; {@code signedIn} only when a session was asked for. */
    public record Registered(Passkey passkey, SignedIn signedIn) {
    }

    private final PasskeyRepository passkeys;
    private final Challenges challenges;
    private final AuthenticatorResponses responses;
    private final PasskeySettings settings;
    private final AuthSettings authSettings;
    private final UserRepository users;
    private final Sessions sessions;
    private final Clock clock;

    public RegisterPasskey(PasskeyRepository passkeys, VerificationRepository verifications, ChallengeRecords records,
                           AuthenticatorResponses responses, PasskeySettings settings, AuthSettings authSettings,
                           UserRepository users, Sessions sessions, Clock clock) {
        this.passkeys = passkeys;
        this.challenges = new Challenges(verifications, records, clock);
        this.responses = responses;
        this.settings = settings;
        this.authSettings = authSettings;
        this.users = users;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Transactional
    public Options options(SignedIn caller, String name, String authenticatorAttachment) {
        if (settings.requireSession()) {
            requireFresh(caller);
        } else if (caller == null) {
            throw PasskeyFailures.resolveUserRequired();
        }
        String userId = caller.user().id().value();
        String label = caller.user().email() != null ? caller.user().email().value() : userId;
        String challenge = Challenges.newChallenge();
        String userHandle = Base64.getUrlEncoder().withoutPadding().encodeToString(
                RandomTokens.of("abcdefghijklmnopqrstuvwxyz0123456789", 32).getBytes(StandardCharsets.UTF_8));
        String cookie = challenges.issue(new PasskeyChallenge(PasskeyChallenge.REGISTRATION, challenge, userId, label, label));
        String userName = name != null && !name.isEmpty() ? name : label;
        return new Options(cookie, challenge, settings.rpName(), settings.rpId(), userHandle, userName, label,
                passkeys.ownedBy(userId), settings.selection().attachedTo(authenticatorAttachment));
    }

    @Transactional(noRollbackFor = AuthFailure.class)
    public Registered verify(SignedIn caller, Command command) {
        if (settings.requireSession()) {
            requireFresh(caller);
        }
        Set<String> origins = origins(settings, command.requestOrigin());
        if (origins.isEmpty()) {
            throw PasskeyFailures.registrationFailed(AuthFailure.Kind.BAD_REQUEST, null);
        }
        PasskeyChallenge challenge = challenges.consume(command.cookieValue(), PasskeyChallenge.REGISTRATION);
        if (caller != null && !caller.user().id().value().equals(challenge.userId())) {
            throw PasskeyFailures.notAllowed();
        }
        AuthenticatorResponses.NewCredential credential;
        try {
            credential = responses.checkRegistration(command.responseJson(), challenge.expectedChallenge(), origins,
                    settings.rpId());
        } catch (AuthenticatorResponses.Refused e) {
            throw PasskeyFailures.registrationFailed(e.badSignature() ? AuthFailure.Kind.BAD_REQUEST
                    : AuthFailure.Kind.INTERNAL_SERVER_ERROR, e);
        }
        User user = command.createSession()
                ? users.findById(new UserId(challenge.userId())).orElseThrow(PasskeyFailures::userNotFound) : null;
        String name = command.name() == null || command.name().strip().isEmpty() ? null : command.name().strip();
        Passkey passkey = new Passkey(Ids.nanoid(32), name, challenge.userId(), credential.credentialId(),
                credential.publicKey(), credential.counter(), credential.deviceType(), credential.backedUp(),
                command.transports() == null ? "" : command.transports(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                credential.aaguid());
        passkeys.add(passkey);
        if (user == null) {
            return new Registered(passkey, null);
        }
        return new Registered(passkey, new SignedIn(user, sessions.open(user.id(), true, command.client()), true));
    }

    private void requireFresh(SignedIn caller) {
        if (caller == null) {
            throw AuthFailure.unauthorized();
        }
        if (!authSettings.freshAge().isZero() && !caller.session().isFresh(clock.instant(), authSettings.freshAge())) {
            throw AuthFailure.sessionNotFresh();
        }
    }

    /** Better Auth's {@code origin} option (one origin or several), else the request's Origin header. */
    static Set<String> origins(PasskeySettings settings, String requestOrigin) {
        Set<String> origins = new LinkedHashSet<>(settings.origins());
        if (origins.isEmpty() && requestOrigin != null && !requestOrigin.isEmpty()) {
            origins.add(requestOrigin);
        }
        return origins;
    }
}
