package dev.trellis.adapter.persistence.testing;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Empties every table Trellis writes (Flyway's history stays). */
public final class Tables {

    private Tables() {
    }

    public static void truncateAll(JdbcClient jdbc) {
        jdbc.sql("truncate \"user\", session, account, verification, user_profile, user_settings, items, tags, item_tags, files, outbox, aggregate_version, relay_offset, relay_progress, outbox_parked, rate_limit, file_deletion cascade")
                .update();
    }
}
