package dev.trellis.application.auth.passkey;

import dev.trellis.application.auth.AuthFailure;
import dev.trellis.application.auth.AuthSettings;
import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.application.testing.MutableClock;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The passkey flow against fakes: the challenge is single-use, of its ceremony and five minutes
 * long; the authenticator's verdict decides the refusal (at sign-in a bad signature 401, anything else
 * 400; at registration a bad signature 400, anything else 500, as Better Auth answers); a
 * refusal stores no counter and opens no session; only the owner manages a passkey.
 */
class PasskeyFlowTest {

    static final String ORIGIN = "http://localhost:3000";

    final InMemoryStore store = new InMemoryStore();
    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final AuthSettings authSettings = AuthSettings.betterAuthDefaults();
    final Sessions sessions = new Sessions(store.sessionRepository, authSettings, clock);
    final FakePasskeys passkeys = new FakePasskeys();
    final FakeAuthenticator authenticator = new FakeAuthenticator();
    final ChallengeRecords records = new PipeRecords();
    final PasskeySettings settings = new PasskeySettings("localhost", "Trellis", List.of(),
            PasskeySettings.AuthenticatorSelection.DEFAULT, true);

    final RegisterPasskey register = new RegisterPasskey(passkeys, store.verificationRepository, records, authenticator,
            settings, authSettings, store.userRepository, sessions, clock);
    final SignInWithPasskey signIn = new SignInWithPasskey(passkeys, store.verificationRepository, records, authenticator,
            settings, store.userRepository, sessions, clock);
    final ManagePasskeys manage = new ManagePasskeys(passkeys);

    final SignedIn ada = signedIn("ada@example.com");
    final SignedIn bob = signedIn("bob@example.com");

    SignedIn signedIn(String email) {
        User user = User.register(UserId.generate(), "Someone", new EmailAddress(email), true, clock.instant());
        store.userRepository.add(user);
        Session session = sessions.open(user.id(), true, new ClientInfo(null, null));
        return new SignedIn(user, session, true);
    }

    Passkey enrol(SignedIn who) {
        RegisterPasskey.Options options = register.options(who, null, null);
        return register.verify(who, new RegisterPasskey.Command(options.cookieValue(), "ok:" + options.challenge() + ":0",
                "internal", "Laptop", false, ORIGIN, new ClientInfo(null, null))).passkey();
    }

    static void assertRefused(Executable call, AuthFailure.Kind kind, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AuthFailure.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.kind()).isEqualTo(kind);
        });
    }

    @Test
    void registration_stores_the_checked_credential_for_the_caller_and_spends_the_challenge() {
        RegisterPasskey.Options options = register.options(ada, null, "platform");
        assertThat(options.rpId()).isEqualTo("localhost");
        assertThat(options.userName()).isEqualTo("ada@example.com");
        RegisterPasskey.Command command = new RegisterPasskey.Command(options.cookieValue(),
                "ok:" + options.challenge() + ":0", "hybrid,internal", " Laptop ", false, ORIGIN, new ClientInfo(null, null));

        RegisterPasskey.Registered registered = register.verify(ada, command);

        assertThat(registered.signedIn()).isNull();
        assertThat(registered.passkey().name()).isEqualTo("Laptop");
        assertThat(registered.passkey().userId()).isEqualTo(ada.user().id().value());
        assertThat(registered.passkey().transports()).isEqualTo("hybrid,internal");
        assertThat(authenticator.origins).containsExactly(Set.of(ORIGIN));
        assertThat(manage.list(ada)).containsExactly(registered.passkey());
        assertRefused(() -> register.verify(ada, command), AuthFailure.Kind.BAD_REQUEST, "CHALLENGE_NOT_FOUND");
        assertThat(register.options(ada, null, null).exclude()).containsExactly(registered.passkey());
    }

    @Test
    void registration_is_refused_for_another_user_a_stale_session_or_a_failed_check() {
        RegisterPasskey.Options options = register.options(ada, null, null);
        assertRefused(() -> register.verify(bob, new RegisterPasskey.Command(options.cookieValue(),
                "ok:" + options.challenge() + ":0", null, null, false, ORIGIN, null)),
                AuthFailure.Kind.UNAUTHORIZED, "YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY");

        // Better Auth's statuses: 500 when SimpleWebAuthn throws, 400 when it answers "not verified"
        // (a bad attestation signature) or there is no origin to check against
        RegisterPasskey.Options again = register.options(ada, null, null);
        assertRefused(() -> register.verify(ada, new RegisterPasskey.Command(again.cookieValue(), "refuse", null, null,
                false, ORIGIN, null)), AuthFailure.Kind.INTERNAL_SERVER_ERROR, "FAILED_TO_VERIFY_REGISTRATION");
        RegisterPasskey.Options badSignature = register.options(ada, null, null);
        assertRefused(() -> register.verify(ada, new RegisterPasskey.Command(badSignature.cookieValue(), "badsig", null,
                null, false, ORIGIN, null)), AuthFailure.Kind.BAD_REQUEST, "FAILED_TO_VERIFY_REGISTRATION");
        RegisterPasskey.Options noOrigin = register.options(ada, null, null);
        assertRefused(() -> register.verify(ada, new RegisterPasskey.Command(noOrigin.cookieValue(), "ok:"
                + noOrigin.challenge() + ":0", null, null, false, null, null)), AuthFailure.Kind.BAD_REQUEST,
                "FAILED_TO_VERIFY_REGISTRATION");

        clock.advance(Duration.ofDays(2));
        assertRefused(() -> register.options(ada, null, null), AuthFailure.Kind.FORBIDDEN, "SESSION_NOT_FRESH");
        assertThat(passkeys.rows).isEmpty();
    }

    @Test
    void without_require_session_any_session_asks_and_the_challenge_alone_names_the_user() {
        RegisterPasskey relaxed = new RegisterPasskey(passkeys, store.verificationRepository, records, authenticator,
                new PasskeySettings("localhost", "Trellis", List.of(), PasskeySettings.AuthenticatorSelection.DEFAULT, false),
                authSettings, store.userRepository, sessions, clock);
        assertRefused(() -> relaxed.options(null, null, null), AuthFailure.Kind.BAD_REQUEST, "RESOLVE_USER_REQUIRED");

        clock.advance(Duration.ofDays(2));
        assertRefused(() -> register.options(ada, null, null), AuthFailure.Kind.FORBIDDEN, "SESSION_NOT_FRESH");
        RegisterPasskey.Options options = relaxed.options(ada, null, null);
        RegisterPasskey.Registered registered = relaxed.verify(null, new RegisterPasskey.Command(options.cookieValue(),
                "ok:" + options.challenge() + ":0", null, null, true, ORIGIN, new ClientInfo(null, null)));
        assertThat(registered.passkey().userId()).isEqualTo(ada.user().id().value());
        assertThat(registered.signedIn().user().id()).isEqualTo(ada.user().id());

        RegisterPasskey.Options more = relaxed.options(ada, null, null);
        assertRefused(() -> relaxed.verify(bob, new RegisterPasskey.Command(more.cookieValue(), "ok:" + more.challenge()
                + ":0", null, null, false, ORIGIN, null)), AuthFailure.Kind.UNAUTHORIZED,
                "YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY");
        assertThat(passkeys.rows).hasSize(1);
    }

    @Test
    void sign_in_stores_the_new_counter_and_opens_a_session() {
        Passkey passkey = enrol(ada);
        SignInWithPasskey.Options options = signIn.options(null);
        assertThat(options.allow()).isEmpty();

        SignedIn signedIn = signIn.verify(new SignInWithPasskey.Command(options.cookieValue(), passkey.credentialId(),
                "ok:" + options.challenge() + ":7", ORIGIN, new ClientInfo("1.2.3.4", "test")));

        assertThat(signedIn.user().id()).isEqualTo(ada.user().id());
        assertThat(passkeys.rows.get(passkey.id()).counter()).isEqualTo(7);
        assertThat(store.sessionRepository.findByToken(signedIn.session().token())).isPresent();
        assertThat(signIn.options(ada).allow()).extracting(Passkey::id).containsExactly(passkey.id());
    }

    @Test
    void a_bad_signature_is_401_and_other_refusals_400_with_nothing_changed() {
        Passkey passkey = enrol(ada);
        int sessionsBefore = store.sessionRepository.findByUser(ada.user().id()).size();

        SignInWithPasskey.Options first = signIn.options(null);
        assertRefused(() -> signIn.verify(new SignInWithPasskey.Command(first.cookieValue(), passkey.credentialId(),
                "badsig", ORIGIN, new ClientInfo(null, null))), AuthFailure.Kind.UNAUTHORIZED, "AUTHENTICATION_FAILED");
        SignInWithPasskey.Options second = signIn.options(null);
        assertRefused(() -> signIn.verify(new SignInWithPasskey.Command(second.cookieValue(), passkey.credentialId(),
                "refuse", ORIGIN, new ClientInfo(null, null))), AuthFailure.Kind.BAD_REQUEST, "AUTHENTICATION_FAILED");
        SignInWithPasskey.Options third = signIn.options(null);
        assertRefused(() -> signIn.verify(new SignInWithPasskey.Command(third.cookieValue(), "unknown",
                "ok:" + third.challenge() + ":1", ORIGIN, new ClientInfo(null, null))),
                AuthFailure.Kind.UNAUTHORIZED, "PASSKEY_NOT_FOUND");

        assertThat(passkeys.rows.get(passkey.id()).counter()).isZero();
        assertThat(store.sessionRepository.findByUser(ada.user().id())).hasSize(sessionsBefore);
    }

    @Test
    void a_replayed_expired_or_foreign_challenge_is_challenge_not_found() {
        Passkey passkey = enrol(ada);
        SignInWithPasskey.Options options = signIn.options(null);
        SignInWithPasskey.Command command = new SignInWithPasskey.Command(options.cookieValue(), passkey.credentialId(),
                "ok:" + options.challenge() + ":1", ORIGIN, new ClientInfo(null, null));
        signIn.verify(command);
        assertRefused(() -> signIn.verify(command), AuthFailure.Kind.BAD_REQUEST, "CHALLENGE_NOT_FOUND");

        SignInWithPasskey.Options late = signIn.options(null);
        clock.advance(Duration.ofMinutes(6));
        assertRefused(() -> signIn.verify(new SignInWithPasskey.Command(late.cookieValue(), passkey.credentialId(),
                "ok:" + late.challenge() + ":2", ORIGIN, null)), AuthFailure.Kind.BAD_REQUEST, "CHALLENGE_NOT_FOUND");

        SignedIn fresh = signedIn("carol@example.com");
        RegisterPasskey.Options registration = register.options(fresh, null, null);
        assertRefused(() -> signIn.verify(new SignInWithPasskey.Command(registration.cookieValue(), passkey.credentialId(),
                "ok:" + registration.challenge() + ":2", ORIGIN, null)), AuthFailure.Kind.BAD_REQUEST, "CHALLENGE_NOT_FOUND");
        assertRefused(() -> signIn.verify(new SignInWithPasskey.Command(null, passkey.credentialId(), "ok:x:2", ORIGIN,
                null)), AuthFailure.Kind.BAD_REQUEST, "CHALLENGE_NOT_FOUND");
        assertThat(passkeys.rows.get(passkey.id()).counter()).isEqualTo(1);
    }

    @Test
    void only_the_owner_renames_or_deletes() {
        Passkey passkey = enrol(ada);

        assertRefused(() -> manage.rename(bob, passkey.id(), "Mine"), AuthFailure.Kind.UNAUTHORIZED,
                "YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY");
        assertRefused(() -> manage.delete(bob, passkey.id()), AuthFailure.Kind.UNAUTHORIZED, "UNAUTHORIZED");
        assertRefused(() -> manage.delete(bob, "nope"), AuthFailure.Kind.NOT_FOUND, "PASSKEY_NOT_FOUND");
        assertThat(manage.rename(ada, passkey.id(), "Desk").name()).isEqualTo("Desk");
        assertThat(passkeys.rows.get(passkey.id()).name()).isEqualTo("Desk");
        manage.delete(ada, passkey.id());
        assertThat(manage.list(ada)).isEmpty();
    }

    /** Accepts "ok:<challenge>:<counter>" for the expected challenge; "badsig" fails the signature; anything else is refused. */
    static final class FakeAuthenticator implements AuthenticatorResponses {
        final List<Set<String>> origins = new ArrayList<>();
        int credentials;

        @Override
        public NewCredential checkRegistration(String responseJson, String expectedChallenge, Set<String> origins, String rpId) {
            this.origins.add(origins);
            long counter = verdict(responseJson, expectedChallenge);
            return new NewCredential("cred-" + ++credentials, "cose-key", counter, "multiDevice", true,
                    "00000000-0000-0000-0000-000000000000");
        }

        @Override
        public long checkAssertion(String responseJson, String expectedChallenge, Set<String> origins, String rpId,
                                   Passkey stored) {
            long counter = verdict(responseJson, expectedChallenge);
            if ((counter > 0 || stored.counter() > 0) && counter <= stored.counter()) {
                throw new Refused("counter", false, null);
            }
            return counter;
        }

        private static long verdict(String response, String expectedChallenge) {
            if (response.equals("badsig")) {
                throw new Refused("signature", true, null);
            }
            String[] parts = response.split(":");
            if (parts.length != 3 || !parts[0].equals("ok") || !parts[1].equals(expectedChallenge)) {
                throw new Refused("refused", false, null);
            }
            return Long.parseLong(parts[2]);
        }
    }

    static final class PipeRecords implements ChallengeRecords {
        @Override
        public String write(PasskeyChallenge c) {
            return String.join("|", c.type(), c.expectedChallenge(), c.userId(), String.valueOf(c.userName()),
                    String.valueOf(c.displayName()));
        }

        @Override
        public Optional<PasskeyChallenge> read(String value) {
            String[] p = value.split("\\|", -1);
            return p.length == 5 ? Optional.of(new PasskeyChallenge(p[0], p[1], p[2], p[3], p[4])) : Optional.empty();
        }
    }

    static final class FakePasskeys implements PasskeyRepository {
        final Map<String, Passkey> rows = new LinkedHashMap<>();

        @Override
        public List<Passkey> ownedBy(String userId) {
            return rows.values().stream().filter(p -> p.userId().equals(userId)).toList();
        }

        @Override
        public Optional<Passkey> findById(String id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public Optional<Passkey> findByCredentialId(String credentialId) {
            return rows.values().stream().filter(p -> p.credentialId().equals(credentialId)).findFirst();
        }

        @Override
        public void add(Passkey passkey) {
            rows.put(passkey.id(), passkey);
        }

        @Override
        public void updateCounter(String id, long counter) {
            rows.computeIfPresent(id, (k, p) -> p.withCounter(counter));
        }

        @Override
        public void rename(String id, String name) {
            rows.computeIfPresent(id, (k, p) -> p.renamed(name));
        }

        @Override
        public void remove(String id) {
            rows.remove(id);
        }
    }
}
