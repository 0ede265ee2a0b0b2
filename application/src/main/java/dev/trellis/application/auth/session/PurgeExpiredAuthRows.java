package dev.trellis.application.auth.session;

import dev.trellis.application.auth.ratelimit.RateLimitCounters;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.VerificationRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes expired sessions and verification rows, and rate-limit counters idle for longer than the longest
 * rule's window (Better Auth prunes its {@code rateLimit} rows the same way), in bounded batches (each its
 * own short transaction, through the ports), so a large backlog never holds locks for long.
 */
public class PurgeExpiredAuthRows {

    public record Purged(int sessions, int verifications, int rateLimits) {
    }

    static final int BATCH = 1_000;

    private final SessionRepository sessions;
    private final VerificationRepository verifications;
    private final RateLimitCounters rateLimits;
    private final Duration rateLimitIdle;
    private final Clock clock;

    /**
     * @param rateLimitIdle how long a counter stays after its last admitted request: the longest window of the
     *                      rules, since a counter older than its window starts again at 1 anyway
     */
    public PurgeExpiredAuthRows(SessionRepository sessions, VerificationRepository verifications,
                                RateLimitCounters rateLimits, Duration rateLimitIdle, Clock clock) {
        if (rateLimitIdle.isNegative()) {
            throw new IllegalArgumentException("rateLimitIdle must not be negative: " + rateLimitIdle);
        }
        this.sessions = sessions;
        this.verifications = verifications;
        this.rateLimits = rateLimits;
        this.rateLimitIdle = rateLimitIdle;
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
        int rateLimitCount = 0;
        Instant idleSince = now.minus(rateLimitIdle);
        do {
            deleted = rateLimits.removeIdleSince(idleSince, BATCH);
            rateLimitCount += deleted;
        } while (deleted == BATCH);
        return new Purged(sessionCount, verificationCount, rateLimitCount);
    }
}
