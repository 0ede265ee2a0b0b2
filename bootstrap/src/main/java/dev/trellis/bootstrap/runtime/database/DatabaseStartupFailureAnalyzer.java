package dev.trellis.bootstrap.runtime.database;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns "the database is wrong or unreachable" into one clear line instead of a stack trace:
 * a malformed {@code DATABASE_URL}, a host that does not answer, a refused password, a missing database.
 */
public class DatabaseStartupFailureAnalyzer implements FailureAnalyzer {

    private static final String ACTION = "Set DATABASE_URL (postgresql://user:password@host:port/database) or "
            + "SPRING_DATASOURCE_URL to a reachable PostgreSQL 16+, or unset both to run the embedded database.";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidDatabaseUrl invalid) {
                return new FailureAnalysis("Invalid DATABASE_URL: " + invalid.getMessage(), ACTION, failure);
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("28P01") || state.equals("28000") || state.equals("3D000")) {
                    return new FailureAnalysis("Cannot connect to the database: " + firstLine(sql.getMessage())
                            + " (SQLSTATE " + state + ")", ACTION, failure);
                }
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return new FailureAnalysis("Cannot reach the database: " + cause, ACTION, failure);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
