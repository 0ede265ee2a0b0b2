package dev.trellis.adapter.messaging.relay.postgres;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The relay reads the outbox through logical decoding, which PostgreSQL offers only with {@code wal_level=logical}. */
public final class LogicalReplication {

    private LogicalReplication() {
    }

    /** Throws {@link Unavailable} naming the setting when the database cannot stream the outbox. */
    public static void requireAvailable(JdbcClient jdbc) {
        String walLevel = jdbc.sql("show wal_level").query(String.class).single();
        if (!walLevel.equals("logical")) {
            throw new Unavailable(walLevel);
        }
    }

    public static final class Unavailable extends RuntimeException {
        private final String walLevel;

        Unavailable(String walLevel) {
            super("The outbox relay needs logical replication, but this PostgreSQL has wal_level=" + walLevel
                    + ": set wal_level=logical (restart needed; on managed services: enable logical replication, "
                    + "and use a direct, not pooled, endpoint), or set TRELLIS_RELAY_ENABLED=false to keep events in the outbox");
            this.walLevel = walLevel;
        }

        public String walLevel() {
            return walLevel;
        }
    }
}
