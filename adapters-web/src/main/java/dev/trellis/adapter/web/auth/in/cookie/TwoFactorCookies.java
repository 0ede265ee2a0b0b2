package dev.trellis.adapter.web.auth.in.cookie;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The two-factor plugin's cookies, signed like the session cookie: {@code better-auth.two_factor}
 * names the pending sign-in's challenge (10 minutes), {@code better-auth.trust_device} holds
 * {@code token!identifier} of a trusted device (30 days), the token being the HMAC-SHA256
 * (base64url, no padding) of {@code userId!identifier} under the auth secret, as Better Auth makes it.
 */
public final class TwoFactorCookies {

    private static final String TWO_FACTOR = "better-auth.two_factor";
    private static final String TRUST_DEVICE = "better-auth.trust_device";
    private static final String DONT_REMEMBER = "better-auth.dont_remember";
    private static final String SECURE_PREFIX = "__Secure-";

    private final SessionCookieSigner signer;
    private final SecretKeySpec trustKey;
    private final boolean secure;

    public TwoFactorCookies(SessionCookieSigner signer, String secret, boolean secure) {
        this.signer = signer;
        this.trustKey = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.secure = secure;
    }

    public Optional<String> challenge(HttpServletRequest request) {
        return cookie(request, name(TWO_FACTOR)).flatMap(signer::verify);
    }

    public void setChallenge(HttpServletResponse response, String challenge, Duration maxAge) {
        set(response, name(TWO_FACTOR), challenge, maxAge);
    }

    public void expireChallenge(HttpServletResponse response) {
        expire(response, name(TWO_FACTOR));
    }

    public boolean carriesTrust(HttpServletRequest request) {
        return cookie(request, name(TRUST_DEVICE)).flatMap(signer::verify).isPresent();
    }

    /** The identifier of an authentic trust cookie made for {@code userId}. */
    public Optional<String> trustIdentifier(HttpServletRequest request, String userId) {
        return cookie(request, name(TRUST_DEVICE)).flatMap(signer::verify).flatMap(value -> {
            String[] parts = value.split("!");
            if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                return Optional.empty();
            }
            byte[] expected = trustToken(userId, parts[1]).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, parts[0].getBytes(StandardCharsets.UTF_8))
                    ? Optional.of(parts[1]) : Optional.empty();
        });
    }

    /** The identifier in the trust cookie, authentic or not, so that disabling two-factor can forget it. */
    public Optional<String> anyTrustIdentifier(HttpServletRequest request) {
        return cookie(request, name(TRUST_DEVICE)).flatMap(signer::verify)
                .map(value -> value.split("!")).filter(parts -> parts.length >= 2).map(parts -> parts[1]);
    }

    public void setTrust(HttpServletResponse response, String userId, String identifier, Duration maxAge) {
        set(response, name(TRUST_DEVICE), trustToken(userId, identifier) + "!" + identifier, maxAge);
    }

    public void expireTrust(HttpServletResponse response) {
        expire(response, name(TRUST_DEVICE));
    }

    /** The "don't remember me" marker of a sign-in that still owes its second factor. */
    public void markDontRemember(HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, base(name(DONT_REMEMBER),
                SessionCookieSigner.encodeCookieValue(signer.sign("true"))).build().toString());
    }

    public void expireDontRemember(HttpServletResponse response) {
        expire(response, name(DONT_REMEMBER));
    }

    private String trustToken(String userId, String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(trustKey);
            byte[] digest = mac.doFinal((userId + "!" + identifier).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private String name(String base) {
        return (secure ? SECURE_PREFIX : "") + base;
    }

    private void set(HttpServletResponse response, String name, String value, Duration maxAge) {
        response.addHeader(HttpHeaders.SET_COOKIE, base(name, SessionCookieSigner.encodeCookieValue(signer.sign(value)))
                .maxAge(maxAge).build().toString());
    }

    private void expire(HttpServletResponse response, String name) {
        response.addHeader(HttpHeaders.SET_COOKIE, base(name, "").maxAge(0).build().toString());
    }

    private ResponseCookie.ResponseCookieBuilder base(String name, String value) {
        return Cookies.base(name, value, secure);
    }

    private static Optional<String> cookie(HttpServletRequest request, String name) {
        return Cookies.find(request, name);
    }
}
