package dev.trellis.adapter.web.auth.out.secret;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one secret shared with a Better Auth server ({@code BETTER_AUTH_SECRET}, or {@code AUTH_SECRET}):
 * it signs the session and state cookies and the email-verification tokens, and encrypts the OAuth
 * state. When none is given it may be generated once and kept in a file of the data folder (the
 * embedded database); otherwise it must be given. Its {@code toString} never shows the value.
 */
public record AuthSecret(String value) {

    private static final Logger log = LoggerFactory.getLogger(AuthSecret.class);
    static final String FILE_NAME = "better-auth-secret";

    public AuthSecret {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the auth secret must not be empty");
        }
    }

    /**
     * The configured secret (a warning when it is shorter than 32 characters); without one, the
     * secret kept in {@code dataDir} (made on first use) when {@code generateWhenMissing}, else
     * {@link MissingAuthSecret}.
     */
    public static AuthSecret resolve(String configured, boolean generateWhenMissing, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 32) {
                log.warn("BETTER_AUTH_SECRET is shorter than 32 characters; use a longer random secret");
            }
            return new AuthSecret(configured);
        }
        if (!generateWhenMissing) {
            throw new MissingAuthSecret();
        }
        return new AuthSecret(generatedOnce(dataDir.resolve(FILE_NAME)));
    }

    @Override
    public String toString() {
        return "AuthSecret[***]";
    }

    private static String generatedOnce(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(FILE_NAME + ".partial");
            Files.writeString(partial, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions protect it
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            log.warn("BETTER_AUTH_SECRET is not set: generated one and kept it in {} (set BETTER_AUTH_SECRET to share sessions with a Better Auth server)", file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the session secret " + file, e);
        }
    }

    /** Start-up stops with this when no secret is given and none may be generated (an external database). */
    public static final class MissingAuthSecret extends IllegalStateException {
        public MissingAuthSecret() {
            super("BETTER_AUTH_SECRET is not set: it is required with an external database (the embedded one generates its own)");
        }
    }
}
