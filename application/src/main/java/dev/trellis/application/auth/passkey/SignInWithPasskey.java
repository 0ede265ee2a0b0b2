package dev.trellis.application.auth.passkey;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Better Auth's {@code /passkey/generate-authenticate-options} and {@code /passkey/verify-authentication}:
 * a challenge (naming the caller's passkeys when signed in), then the assertion checked against it
 * and the stored public key. The challenge is spent by the first attempt (a replay is
 * CHALLENGE_NOT_FOUND); an unknown credential is 401 PASSKEY_NOT_FOUND; a bad signature 401
 * AUTHENTICATION_FAILED, any other refusal (origin, challenge, a counter that did not grow) 400
 * AUTHENTICATION_FAILED. Success stores the new counter and opens a session.
 */
public class SignInWithPasskey {

    public record Options(String cookieValue, String challenge, String rpId, List<Passkey> allow) {
    }

    public record Command(String cookieValue, String credentialId, String responseJson, String requestOrigin,
                          ClientInfo client) {
    }

    private final PasskeyRepository passkeys;
    private final Challenges challenges;
    private final AuthenticatorResponses responses;
    private final PasskeySettings settings;
    private final UserRepository users;
    private final Sessions sessions;

    public SignInWithPasskey(PasskeyRepository passkeys, VerificationRepository verifications, ChallengeRecords records,
                             AuthenticatorResponses responses, PasskeySettings settings, UserRepository users,
                             Sessions sessions, Clock clock) {
        this.passkeys = passkeys;
        this.challenges = new Challenges(verifications, records, clock);
        this.responses = responses;
        this.settings = settings;
        this.users = users;
        this.sessions = sessions;
    }

    /** {@code caller} may be null (nobody signed in: the authenticator offers any of its passkeys). */
    @Transactional
    public Options options(SignedIn caller) {
        List<Passkey> allow = caller == null ? List.of() : passkeys.ownedBy(caller.user().id().value());
        String challenge = Challenges.newChallenge();
        String userId = caller == null ? "" : caller.user().id().value();
        String cookie = challenges.issue(new PasskeyChallenge(PasskeyChallenge.AUTHENTICATION, challenge, userId, null, null));
        return new Options(cookie, challenge, settings.rpId(), allow);
    }

    @Transactional(noRollbackFor = AuthFailure.class)
    public SignedIn verify(Command command) {
        Set<String> origins = RegisterPasskey.origins(settings, command.requestOrigin());
        if (origins.isEmpty()) {
            throw PasskeyFailures.originMissing();
        }
        PasskeyChallenge challenge = challenges.consume(command.cookieValue(), PasskeyChallenge.AUTHENTICATION);
        Passkey passkey = (command.credentialId() == null ? java.util.Optional.<Passkey>empty()
                : passkeys.findByCredentialId(command.credentialId()))
                .orElseThrow(() -> PasskeyFailures.passkeyNotFound(AuthFailure.Kind.UNAUTHORIZED));
        long counter;
        try {
            counter = responses.checkAssertion(command.responseJson(), challenge.expectedChallenge(), origins,
                    settings.rpId(), passkey);
        } catch (AuthenticatorResponses.Refused e) {
            throw PasskeyFailures.authenticationFailed(e.badSignature() ? AuthFailure.Kind.UNAUTHORIZED : AuthFailure.Kind.BAD_REQUEST);
        }
        passkeys.updateCounter(passkey.id(), counter);
        User user = users.findById(new UserId(passkey.userId()))
                .orElseThrow(() -> PasskeyFailures.authenticationFailed(AuthFailure.Kind.BAD_REQUEST));
        return new SignedIn(user, sessions.open(user.id(), true, command.client()), true);
    }
}
