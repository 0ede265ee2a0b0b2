package dev.trellis.adapter.messaging.relay.postgres;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The relay's replication slots on a PostgreSQL server that several deployments may share. Slot names are
 * server-wide, so the default name comes from the database: {@code trellis_<database>_outbox}, and
 * {@code trellis_outbox} for the database named {@code trellis} (the embedded default) or where a slot of that
 * name already serves this database (an install from before the names were derived). The publication takes the
 * same name (publications are per database, so only for symmetry). Slots of this database that the relay does
 * not use and no one reads ({@link #abandoned}) still hold WAL back for the whole server.
 */
public final class ReplicationSlots {

    /** The name every slot had before names were derived from the database. */
    public static final String LEGACY_NAME = "trellis_outbox";
    private static final int MAX_LENGTH = 63;
    private static final String PREFIX = "trellis_";
    private static final String SUFFIX = "_outbox";

    /** A logical slot on this database, inactive, and the WAL it holds back. */
    public record Abandoned(String slotName, long retainedBytes) {
    }

    private ReplicationSlots() {
    }

    /**
     * The default slot name for a database: lowercase letters, digits and {@code _}, at most 63 characters (the
     * rules for slot names). A database name that had to be changed to fit (other characters, or too long) gets
     * 8 hex digits of its CRC-32 appended, so that {@code my-db} and {@code my_db} do not share a slot.
     */
    public static String defaultName(String database) {
        if (database == null || database.isEmpty()) {
            throw new IllegalArgumentException("a database name is needed to name the replication slot");
        }
        if (database.equals("trellis")) {
            return LEGACY_NAME;
        }
        String cleaned = database.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        int room = MAX_LENGTH - PREFIX.length() - SUFFIX.length();
        if (cleaned.equals(database) && cleaned.length() <= room) {
            return PREFIX + cleaned + SUFFIX;
        }
        CRC32 crc = new CRC32();
        crc.update(database.getBytes(StandardCharsets.UTF_8));
        String hash = HexFormat.of().toHexDigits((int) crc.getValue());
        String head = cleaned.substring(0, Math.min(cleaned.length(), room - hash.length() - 1));
        return PREFIX + head + "_" + hash + SUFFIX;
    }

    /** The default name for the database {@code jdbc} is connected to, keeping {@value #LEGACY_NAME} where it serves it. */
    public static String defaultName(JdbcClient jdbc) {
        String database = jdbc.sql("select current_database()").query(String.class).single();
        boolean legacyHere = jdbc.sql("select count(*) from pg_replication_slots where slot_name = ? and database = current_database()")
                .param(LEGACY_NAME).query(Long.class).single() > 0;
        return legacyHere ? LEGACY_NAME : defaultName(database);
    }

    /** Logical slots of this database other than {@code inUse} that no one reads, with the WAL each holds back. */
    public static List<Abandoned> abandoned(JdbcClient jdbc, String inUse) {
        return jdbc.sql("""
                        select slot_name,
                               coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint as retained
                        from pg_replication_slots
                        where database = current_database() and slot_type = 'logical' and not active and slot_name <> ?
                        order by slot_name""")
                .param(inUse)
                .query((rs, n) -> new Abandoned(rs.getString("slot_name"), rs.getLong("retained")))
                .list();
    }
}
