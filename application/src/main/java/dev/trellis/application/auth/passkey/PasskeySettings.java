package dev.trellis.application.auth.passkey;

import java.util.List;
import java.util.Objects;

/**
 * The relying party: its id (a host name; Better Auth's default is the base URL's host), its name
 * (Better Auth's default is the app name), the origins a response may come from (empty: the
 * request's {@code Origin} header, as Better Auth does without {@code origin}), the
 * {@code authenticatorSelection} that registration options ask for, and whether registration needs a
 * fresh session ({@code registration.requireSession}, Better Auth's default) or any session.
 */
public record PasskeySettings(String rpId, String rpName, List<String> origins, AuthenticatorSelection selection,
                              boolean requireSession) {

    /** Better Auth's {@code MAX_AGE_IN_SECONDS}: a challenge lives five minutes. */
    public static final java.time.Duration CHALLENGE_LIFETIME = java.time.Duration.ofMinutes(5);

    public PasskeySettings {
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(rpName, "rpName");
        origins = List.copyOf(origins);
        Objects.requireNonNull(selection, "selection");
    }

    /**
     * WebAuthn's {@code authenticatorSelection} for registration: {@code residentKey} and
     * {@code userVerification} ({@code discouraged}, {@code preferred} or {@code required}; Better
     * Auth's defaults are {@code preferred}) and an optional {@code authenticatorAttachment}
     * ({@code platform} or {@code cross-platform}; a request's {@code ?authenticatorAttachment=} wins).
     */
    public record AuthenticatorSelection(String residentKey, String userVerification, String authenticatorAttachment) {

        public static final List<String> REQUIREMENTS = List.of("discouraged", "preferred", "required");
        public static final List<String> ATTACHMENTS = List.of("platform", "cross-platform");
        public static final AuthenticatorSelection DEFAULT = new AuthenticatorSelection("preferred", "preferred", null);

        public AuthenticatorSelection {
            if (!REQUIREMENTS.contains(residentKey)) {
                throw new IllegalArgumentException("residentKey must be one of " + String.join(", ", REQUIREMENTS)
                        + ", not " + residentKey);
            }
            if (!REQUIREMENTS.contains(userVerification)) {
                throw new IllegalArgumentException("userVerification must be one of " + String.join(", ", REQUIREMENTS)
                        + ", not " + userVerification);
            }
            if (authenticatorAttachment != null && !ATTACHMENTS.contains(authenticatorAttachment)) {
                throw new IllegalArgumentException("authenticatorAttachment must be one of " + String.join(", ", ATTACHMENTS)
                        + " or unset, not " + authenticatorAttachment);
            }
        }

        /** SimpleWebAuthn derives it: a resident key is required exactly when {@code residentKey} is {@code required}. */
        public boolean requireResidentKey() {
            return "required".equals(residentKey);
        }

        /** This selection with the request's attachment, when it names one. */
        public AuthenticatorSelection attachedTo(String requested) {
            return requested == null ? this : new AuthenticatorSelection(residentKey, userVerification, requested);
        }
    }
}
