package dev.trellis.application.testing;

import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.StaleVersion;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.user.UserDetails;
import dev.trellis.domain.shared.UserId;
import dev.trellis.domain.user.UserProfile;
import dev.trellis.domain.user.UserRepository;
import dev.trellis.domain.user.UserSettings;

import java.util.Optional;

public final class InMemoryUserRepository implements UserRepository {

    private final InMemoryStore store;

    InMemoryUserRepository(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void add(User user) {
        if (store.users.containsKey(user.id())) {
            throw new DataAccessFailure.DuplicateValue("user_pkey", null);
        }
        rejectTakenEmail(user);
        store.users.put(user.id(), user);
        store.profiles.putIfAbsent(user.id(), UserProfile.defaults(user.id()));
        store.settings.putIfAbsent(user.id(), UserSettings.defaults(user.id()));
    }

    @Override
    public Optional<User> findById(UserId id) {
        return Optional.ofNullable(store.users.get(id));
    }

    @Override
    public Optional<User> findByEmail(EmailAddress email) {
        return store.users.values().stream().filter(user -> user.email().equals(email)).findFirst();
    }

    @Override
    public Optional<UserDetails> findDetails(UserId id) {
        return findById(id).map(user -> new UserDetails(user,
                store.profiles.getOrDefault(id, UserProfile.defaults(id)),
                store.settings.getOrDefault(id, UserSettings.defaults(id))));
    }

    @Override
    public void update(User user) {
        if (store.users.containsKey(user.id())) {
            rejectTakenEmail(user);
            store.users.put(user.id(), user);
        }
    }

    @Override
    public long saveProfile(UserProfile profile) {
        requireUser(profile.userId());
        long current = store.profiles.getOrDefault(profile.userId(), UserProfile.defaults(profile.userId())).version();
        if (current != profile.version()) {
            throw new StaleVersion("profile", profile.userId());
        }
        store.profiles.put(profile.userId(), new UserProfile(profile.userId(), profile.bio(), profile.website(),
                profile.timezone(), current + 1));
        return current + 1;
    }

    @Override
    public long saveSettings(UserSettings settings) {
        requireUser(settings.userId());
        long current = store.settings.getOrDefault(settings.userId(), UserSettings.defaults(settings.userId())).version();
        if (current != settings.version()) {
            throw new StaleVersion("settings", settings.userId());
        }
        store.settings.put(settings.userId(), new UserSettings(settings.userId(), settings.theme(), settings.language(),
                settings.notificationsEnabled(), current + 1));
        return current + 1;
    }

    @Override
    public boolean remove(UserId id) {
        if (!store.users.containsKey(id)) {
            return false;
        }
        store.deleteUser(id);
        return true;
    }

    private void requireUser(UserId id) {
        if (!store.users.containsKey(id)) {
            throw new DataAccessFailure.MissingReference("user_fkey", null);
        }
    }

    private void rejectTakenEmail(User user) {
        boolean taken = store.users.values().stream()
                .anyMatch(other -> !other.id().equals(user.id()) && other.email().equals(user.email()));
        if (taken) {
            throw new DataAccessFailure.DuplicateValue("user_email_key", null);
        }
    }
}
