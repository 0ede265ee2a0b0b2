package dev.trellis.application.auth.twofactor;

import java.time.Instant;

/** RFC 6238 time-based codes over a secret as Better Auth keeps it (its UTF-8 bytes are the key). Port. */
public interface TotpCodes {

    /** Whether {@code code} is the code of the current period or of the one before or after. */
    boolean verify(String secret, String code, Instant now);

    /** The code of the period holding {@code at}. */
    String code(String secret, Instant at);

    /** The {@code otpauth://totp/...} URI an authenticator app scans. */
    String uri(String secret, String issuer, String account);
}
