package dev.trellis.bootstrap.runtime.database;

/** {@code DATABASE_URL} cannot be understood; the message says what is wrong (never the password). */
public class InvalidDatabaseUrl extends IllegalArgumentException {

    public InvalidDatabaseUrl(String message) {
        super(message);
    }
}
