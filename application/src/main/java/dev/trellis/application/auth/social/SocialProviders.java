package dev.trellis.application.auth.social;

import java.util.Optional;

/**
 * The OAuth 2.0 / OpenID Connect providers users sign in with (GitHub, Google, any OpenID Connect
 * issuer), by Better Auth's provider id, which is also the {@code account.provider_id} of their accounts.
 */
public interface SocialProviders {

    Optional<SocialProvider> find(String providerId);
}
