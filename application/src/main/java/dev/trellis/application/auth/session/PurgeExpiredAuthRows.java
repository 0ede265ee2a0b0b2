package dev.trellis.application.auth.session;

import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.VerificationRepository;

import java.time.Clock;
import java.time.Instant;

/**
 * Deletes expired sessions and verification rows in bounded batches (each its own short
 * transaction, through the repositories), so a large backlog never holds locks for long.
 */
public class PurgeExpiredAuthRows {

    public record Purged(int sessions, int verifications) {
    }

    static final int BATCH = 1_000;

    private final SessionRepository sessions;
    private final VerificationRepository verifications;
    private final Clock clock;

    public PurgeExpiredAuthRows(SessionRepository sessions, VerificationRepository verifications, Clock clock) {
        this.sessions = sessions;
        this.verifications = verifications;
        this.clock = clock;
    }

    public Purged handle() {
        Instant now = clock.instant();
        int sessionCount = 0;
        int deleted;
        do {
            deleted = sessions.removeExpired(now, BATCH);
            sessionCount += deleted;
        } while (deleted == BATCH);
        int verificationCount = 0;
        do {
            deleted = verifications.removeExpired(now, BATCH);
            verificationCount += deleted;
        } while (deleted == BATCH);
        return new Purged(sessionCount, verificationCount);
    }
}
