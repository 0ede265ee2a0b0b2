package dev.trellis.application.auth.twofactor;

import java.util.List;

/**
 * Seals what the {@code two_factor} table keeps as Better Auth does, so that either server opens what
 * the other wrote: the TOTP secret, and the backup codes as one JSON array. Port.
 */
public interface TwoFactorVault {

    String sealSecret(String secret);

    String openSecret(String sealed);

    String sealBackupCodes(List<String> codes);

    /** The codes, or an empty list when the sealed text cannot be opened or read. */
    List<String> openBackupCodes(String sealed);
}
