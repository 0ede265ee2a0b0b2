package dev.trellis.adapter.messaging.relay.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One active relay among all instances on a database: a PostgreSQL session-level advisory lock,
 * held on a connection of its own for as long as the instance leads. When the leader dies, its
 * session ends and the lock is free for a standby; a leader whose connection breaks learns it
 * at the next {@link #isHeld()} and must stop relaying.
 */
public final class LeaderLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderLock.class);

    private final DatabaseEndpoint database;
    private final String name;
    private Connection connection;

    public LeaderLock(DatabaseEndpoint database, String relayName) {
        this.database = database;
        this.name = "trellis-relay:" + relayName;
    }

    /** Takes the lock if it is free; false when another instance holds it. */
    public synchronized boolean tryAcquire() throws SQLException {
        if (connection != null) {
            return isHeld();
        }
        Connection candidate = database.connect("trellis-relay-leader-lock");
        try (var keepalives = candidate.createStatement()) {
            // the server drops (and so unlocks) a leader cut off by the network within ~20 s, not the OS's 2 hours
            keepalives.execute("set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 5; set tcp_keepalives_count = 3");
        } catch (SQLException e) {
            candidate.close();
            throw e;
        }
        try (PreparedStatement statement = candidate.prepareStatement("select pg_try_advisory_lock(hashtextextended(?, 0))")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    connection = candidate;
                    return true;
                }
            }
        } catch (SQLException e) {
            candidate.close();
            throw e;
        }
        candidate.close();
        return false;
    }

    /**
     * Whether this instance still holds the lock. A session-level advisory lock ends only with its
     * session (nothing here unlocks it early), so a live session is a held lock.
     */
    public synchronized boolean isHeld() {
        if (connection == null) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement("select 1")) {
            statement.setQueryTimeout(5);
            statement.executeQuery().close();
            return true;
        } catch (SQLException e) {
            log.warn("The relay's leader lock connection failed ({}); leadership is lost", e.getMessage());
        }
        closeQuietly();
        return false;
    }

    /** Gives the lock up (ending the session frees it even if the unlock cannot be sent). */
    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(hashtextextended(?, 0))")) {
            statement.setString(1, name);
            statement.execute();
        } catch (SQLException e) {
            log.debug("Unlocking failed; closing the session frees the lock", e);
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            log.debug("Closing the lock connection failed", e);
        } finally {
            connection = null;
        }
    }
}
