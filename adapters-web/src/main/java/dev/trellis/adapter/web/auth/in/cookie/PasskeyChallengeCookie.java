package dev.trellis.adapter.web.auth.in.cookie;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The passkey plugin's challenge cookie, {@code better-auth.better-auth-passkey} by default (the
 * prefix really appears twice; {@code __Secure-} prefixed and {@code Secure} on https): the random key
 * of the ceremony's {@code verification} row, signed like the session cookie, for 5 minutes. The name
 * after {@code better-auth.} is Better Auth's {@code advanced.webAuthnChallengeCookie}.
 */
public final class PasskeyChallengeCookie extends SignedCookie {

    /** Better Auth's default {@code advanced.webAuthnChallengeCookie}. */
    public static final String DEFAULT_NAME = "better-auth-passkey";
    /** RFC 6265's cookie-name token. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public PasskeyChallengeCookie(SessionCookieSigner signer, boolean secure) {
        this(signer, secure, DEFAULT_NAME);
    }

    public PasskeyChallengeCookie(SessionCookieSigner signer, boolean secure, String name) {
        super("better-auth." + checked(name), Duration.ofMinutes(5), signer, secure);
    }

    private static String checked(String name) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("the passkey challenge cookie's name must be a cookie token"
                    + " (letters, digits and !#$%&'*+-.^_`|~), not \"" + name + "\"");
        }
        return name;
    }
}
