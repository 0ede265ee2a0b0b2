package dev.trellis.application.testing;

import dev.trellis.domain.auth.Verification;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.shared.DataAccessFailure;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

public final class InMemoryVerificationRepository implements VerificationRepository {

    private static final Comparator<Verification> OLDEST_FIRST = Comparator.comparing(Verification::createdAt)
            .thenComparing(Verification::id);

    private final InMemoryStore store;

    InMemoryVerificationRepository(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void add(Verification verification) {
        if (store.verifications.containsKey(verification.id())) {
            throw new DataAccessFailure.DuplicateValue("verification_pkey", null);
        }
        store.verifications.put(verification.id(), verification);
    }

    @Override
    public Optional<Verification> findByIdentifier(String identifier) {
        return store.verifications.values().stream()
                .filter(verification -> verification.identifier().equals(identifier))
                .max(OLDEST_FIRST);
    }

    @Override
    public void update(Verification verification) {
        store.verifications.computeIfPresent(verification.id(), (id, current) -> new Verification(current.id(),
                current.identifier(), verification.value(), current.expiresAt(), current.createdAt(),
                verification.updatedAt()));
    }

    @Override
    public boolean remove(String id) {
        return store.verifications.remove(id) != null;
    }

    @Override
    public int removeByIdentifier(String identifier) {
        List<Verification> doomed = store.verifications.values().stream()
                .filter(verification -> verification.identifier().equals(identifier))
                .toList();
        doomed.forEach(verification -> store.verifications.remove(verification.id()));
        return doomed.size();
    }

    @Override
    public int removeExpired(Instant now, int limit) {
        List<Verification> doomed = store.verifications.values().stream()
                .filter(verification -> verification.expiresAt().isBefore(now))
                .sorted(Comparator.comparing(Verification::expiresAt))
                .limit(Math.max(limit, 0))
                .toList();
        doomed.forEach(verification -> store.verifications.remove(verification.id()));
        return doomed.size();
    }
}
