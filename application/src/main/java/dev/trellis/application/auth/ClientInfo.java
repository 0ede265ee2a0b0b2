package dev.trellis.application.auth;

/** What Better Auth records of the client on a new session. */
public record ClientInfo(String ipAddress, String userAgent) {

    public static final ClientInfo UNKNOWN = new ClientInfo(null, null);
}
