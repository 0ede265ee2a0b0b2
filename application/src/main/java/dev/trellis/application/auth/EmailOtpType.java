package dev.trellis.application.auth;

import java.util.Arrays;
import java.util.Optional;

/** The purposes of Better Auth's email one-time codes, by their wire names. */
public enum EmailOtpType {
    SIGN_IN("sign-in"),
    EMAIL_VERIFICATION("email-verification"),
    FORGET_PASSWORD("forget-password");

    private final String wireName;

    EmailOtpType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EmailOtpType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
