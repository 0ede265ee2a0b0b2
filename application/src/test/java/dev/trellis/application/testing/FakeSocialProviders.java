package dev.trellis.application.testing;

import dev.trellis.application.auth.social.SocialProvider;
import dev.trellis.application.auth.social.SocialProviders;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configured providers, by id. */
public final class FakeSocialProviders implements SocialProviders {

    private final Map<String, SocialProvider> providers = new LinkedHashMap<>();

    public FakeSocialProviders(SocialProvider... providers) {
        for (SocialProvider provider : providers) {
            this.providers.put(provider.id(), provider);
        }
    }

    @Override
    public Optional<SocialProvider> find(String providerId) {
        return Optional.ofNullable(providers.get(providerId));
    }
}
