package dev.trellis.application.auth;

import java.nio.charset.StandardCharsets;

/**
 * JavaScript's {@code encodeURIComponent}, as Better Auth encodes the links in its mails and the
 * values of its cookies: unlike {@code URLEncoder}, a space is {@code %20} and {@code !'()*~} stay.
 */
public final class UriComponent {

    private static final String UNRESERVED = "-_.!~*'()"; // besides letters and digits
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriComponent() {
    }

    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || UNRESERVED.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }
}
