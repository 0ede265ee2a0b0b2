package dev.trellis.bootstrap.wiring.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret that signs session cookies, shared with a Better Auth server through its own variable
 * ({@code BETTER_AUTH_SECRET}, or {@code AUTH_SECRET}). On the embedded database a missing secret is
 * generated once and kept in the data folder; against any other database it must be given.
 */
public final class BetterAuthSecret {

    private static final Logger log = LoggerFactory.getLogger(BetterAuthSecret.class);
    static final String FILE_NAME = "better-auth-secret";

    private BetterAuthSecret() {
    }

    public static String resolve(String configured, boolean embedded, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 32) {
                log.warn("BETTER_AUTH_SECRET is shorter than 32 characters; use a longer random secret");
            }
            return configured;
        }
        if (!embedded) {
            throw new MissingAuthSecret();
        }
        return generatedOnce(dataDir.resolve(FILE_NAME));
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
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.warn("BETTER_AUTH_SECRET is not set: generated one and kept it in {} (set BETTER_AUTH_SECRET to share sessions with a Better Auth server)", file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the session secret " + file, e);
        }
    }

    /** Start-up stops with this when an external database is used without a secret. */
    public static final class MissingAuthSecret extends IllegalStateException {
        public MissingAuthSecret() {
            super("BETTER_AUTH_SECRET is not set: it is required with an external database (the embedded one generates its own)");
        }
    }
}
