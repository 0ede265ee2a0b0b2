package dev.trellis.application.auth.social;

import dev.trellis.application.auth.ClientInfo;
import dev.trellis.application.auth.internal.Sessions;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.auth.social.SocialProvider.ProviderUser;
import dev.trellis.application.auth.social.SocialProvider.Tokens;
import dev.trellis.domain.auth.Account;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.Session;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.SessionToken;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.shared.WebUrl;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a provider's user becomes, by Better Auth's default rules ({@code handleOAuthUserInfo},
 * {@code linkOAuthAccount}):
 * <ul>
 * <li>an account of this provider and provider user id signs its owner in, with fresh tokens;</li>
 * <li>otherwise a user with the same email gets the account linked implicitly, only when the provider
 *     says the email is verified and the local user's email is verified too;</li>
 * <li>otherwise a new user is made, {@code email_verified} as the provider says;</li>
 * <li>explicit linking (from {@code /link-social}) needs a verified provider email equal to the user's,
 *     and refuses an account that belongs to another user.</li>
 * </ul>
 * Refusals are Better Auth's callback error codes ({@code account_not_linked}, …).
 */
public class SocialAccounts {

    /** A sign-in that worked ({@code registered}: the user was made just now), or Better Auth's error code. */
    public sealed interface SignInResult {
        record SignedInWith(SignedIn signedIn, boolean registered) implements SignInResult {
        }

        record Refused(String error) implements SignInResult {
        }
    }

    /** Providers whose emails are trusted as verified (Better Auth's {@code accountLinking.trustedProviders}): none by default. */
    private static final Set<String> TRUSTED_PROVIDERS = Set.of();

    private final UserRepository users;
    private final AccountRepository accounts;
    private final SessionRepository sessionRows;
    private final Sessions sessions;
    private final Clock clock;

    public SocialAccounts(UserRepository users, AccountRepository accounts, SessionRepository sessionRows,
                          Sessions sessions, Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.sessionRows = sessionRows;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Transactional
    public SignInResult signIn(String providerId, ProviderUser provided, boolean disableSignUp, ClientInfo client) {
        EmailAddress email;
        try {
            email = new EmailAddress(provided.email());
        } catch (InvalidInput e) {
            return new SignInResult.Refused("email_not_found");
        }
        Instant now = clock.instant();
        boolean emailVerified = provided.emailVerified();
        Optional<Account> linked = accounts.findByProvider(providerId, provided.accountId());
        User user;
        boolean registered = false;
        if (linked.isPresent()) {
            Optional<User> owner = users.findById(linked.get().userId());
            if (owner.isEmpty()) {
                return new SignInResult.Refused("unable_to_link_account");
            }
            user = owner.get();
            accounts.update(withFreshTokens(linked.get(), provided.tokens(), null, now));
            user = markVerifiedIfSameEmail(user, email, emailVerified, now);
        } else {
            Optional<User> sameEmail = users.findByEmail(email);
            if (sameEmail.isPresent()) {
                user = sameEmail.get();
                boolean trusted = TRUSTED_PROVIDERS.contains(providerId);
                if ((!trusted && !emailVerified) || !user.emailVerified()) {
                    return new SignInResult.Refused("account_not_linked");
                }
                accounts.add(newAccount(user.id(), providerId, provided, scope(provided.tokens().scopes()), now));
                user = markVerifiedIfSameEmail(user, email, emailVerified, now);
            } else {
                if (disableSignUp) {
                    return new SignInResult.Refused("signup_disabled");
                }
                user = newUser(provided, email, now);
                users.add(user);
                accounts.add(newAccount(user.id(), providerId, provided, scope(provided.tokens().scopes()), now));
                registered = true;
            }
        }
        Session session = sessions.open(user.id(), true, client);
        return new SignInResult.SignedInWith(new SignedIn(user, session, true), registered);
    }

    /**
     * Links the provider account to {@code link}'s user; returns Better Auth's error code when refused.
     * The account of a provider user already linked to this user gets fresh tokens and the union of scopes.
     */
    @Transactional
    public Optional<String> link(OAuthState.Link link, String providerId, ProviderUser provided) {
        Instant now = clock.instant();
        if (!linkSessionLive(link, now)) {
            return Optional.of("unable_to_link_account");
        }
        if (!TRUSTED_PROVIDERS.contains(providerId) && !provided.emailVerified()) {
            return Optional.of("unable_to_link_account");
        }
        if (provided.email() == null || !provided.email().toLowerCase(Locale.ROOT).equals(link.email().toLowerCase(Locale.ROOT))) {
            return Optional.of("email_does_not_match");
        }
        UserId userId = new UserId(link.userId());
        if (users.findById(userId).isEmpty()) {
            return Optional.of("unable_to_link_account");
        }
        Optional<Account> existing = accounts.findByProvider(providerId, provided.accountId());
        if (existing.isPresent()) {
            if (!existing.get().userId().equals(userId)) {
                return Optional.of("account_already_linked_to_different_user");
            }
            String merged = mergeScopes(existing.get().scope(), provided.tokens().scopes());
            accounts.update(withFreshTokens(existing.get(), provided.tokens(), merged.isEmpty() ? null : merged, now));
        } else {
            accounts.add(newAccount(userId, providerId, provided, String.join(",", provided.tokens().scopes()), now));
        }
        return Optional.empty();
    }

    /** Better Auth's check that the session which started the link still exists, is the user's and has not expired. */
    private boolean linkSessionLive(OAuthState.Link link, Instant now) {
        SessionToken token = link.session();
        if (token == null) {
            return true;
        }
        return sessionRows.findByToken(token)
                .filter(session -> session.userId().value().equals(link.userId()) && session.expiresAt().isAfter(now))
                .isPresent();
    }

    private static User newUser(ProviderUser provided, EmailAddress email, Instant now) {
        String name = provided.name() == null ? "" : provided.name();
        if (name.length() > User.MAX_NAME_LENGTH) {
            name = name.substring(0, User.MAX_NAME_LENGTH);
        }
        User user = User.register(UserId.generate(), name, email, provided.emailVerified(), now);
        String image = usableImage(provided.image());
        return image == null ? user : user.withImage(image, user.updatedAt());
    }

    /** A provider's picture URL that Trellis can keep: an http(s) URL of at most 2048 characters, else none. */
    private static String usableImage(String image) {
        try {
            WebUrl url = WebUrl.parseOptional("image", image);
            return url == null ? null : url.value();
        } catch (InvalidInput e) {
            return null;
        }
    }

    private User markVerifiedIfSameEmail(User user, EmailAddress email, boolean providerVerified, Instant now) {
        if (!providerVerified || user.emailVerified() || !user.email().equals(email)) {
            return user;
        }
        User verified = new User(user.id(), user.name(), user.email(), true, user.image(), user.createdAt(),
                now.truncatedTo(ChronoUnit.MICROS), user.twoFactorEnabled());
        users.update(verified);
        return verified;
    }

    private static Account newAccount(UserId user, String providerId, ProviderUser provided, String scope, Instant now) {
        Tokens tokens = provided.tokens();
        Account account = Account.social(user, providerId, provided.accountId(), tokens.accessToken(), tokens.refreshToken(),
                tokens.idToken(), tokens.accessTokenExpiresAt(), scope, now);
        return new Account(account.id(), account.accountId(), account.providerId(), account.userId(), account.accessToken(),
                account.refreshToken(), account.idToken(), account.accessTokenExpiresAt(), tokens.refreshTokenExpiresAt(),
                account.scope(), null, account.createdAt(), account.updatedAt());
    }

    /** Better Auth keeps what the provider did not send again; {@code scope} null leaves the scope as it is. */
    private static Account withFreshTokens(Account account, Tokens tokens, String scope, Instant now) {
        return new Account(account.id(), account.accountId(), account.providerId(), account.userId(),
                tokens.accessToken() != null ? tokens.accessToken() : account.accessToken(),
                tokens.refreshToken() != null ? tokens.refreshToken() : account.refreshToken(),
                tokens.idToken() != null ? tokens.idToken() : account.idToken(),
                tokens.accessTokenExpiresAt() != null ? tokens.accessTokenExpiresAt() : account.accessTokenExpiresAt(),
                tokens.refreshTokenExpiresAt() != null ? tokens.refreshTokenExpiresAt() : account.refreshTokenExpiresAt(),
                scope != null ? scope : account.scope(), account.password(), account.createdAt(),
                now.truncatedTo(ChronoUnit.MILLIS));
    }

    /** As Better Auth stores a token response's scopes: comma-separated (empty when the provider named none). */
    static String scope(List<String> scopes) {
        return String.join(",", scopes);
    }

    /** Stored scopes first, then new ones, without duplicates. */
    static String mergeScopes(String stored, List<String> incoming) {
        Set<String> merged = new LinkedHashSet<>();
        if (stored != null) {
            for (String scope : stored.split(",")) {
                if (!scope.isBlank()) {
                    merged.add(scope.strip());
                }
            }
        }
        for (String scope : incoming) {
            if (!scope.isBlank()) {
                merged.add(scope.strip());
            }
        }
        return String.join(",", merged);
    }
}
