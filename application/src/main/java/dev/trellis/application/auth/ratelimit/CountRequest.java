package dev.trellis.application.auth.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Counts one request to Better Auth's API against its rule, under the key Better Auth itself uses
 * ({@code <client address>|<path below /api/auth>}, {@code createRateLimitKey}), so that a Better Auth server
 * sharing the counters' table shares each client's budget. Addresses are normalised as Better Auth does: an
 * IPv4-mapped IPv6 address becomes IPv4, any other IPv6 address its /64 network in full form
 * ({@code 2001:0db8:0000:0000:0000:0000:0000:0000}).
 */
public class CountRequest {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final RateLimitCounters counters;
    private final Clock clock;

    public CountRequest(RateLimitCounters counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /** @param path the path below Better Auth's base path ({@code /sign-in/email}) */
    public Admission handle(String clientAddress, String path, RateLimitRule rule) {
        return counters.consume(key(clientAddress, path), rule, clock.instant());
    }

    /** Better Auth's key: the normalised address, {@code |}, the path without trailing slashes. */
    public static String key(String clientAddress, String path) {
        String trimmed = path.replaceAll("/+$", "");
        return normalise(clientAddress) + "|" + (trimmed.isEmpty() ? "/" : trimmed);
    }

    static String normalise(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (!lower.contains(":") || !IP_LITERAL.matcher(lower).matches()) {
            return lower;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(lower).getAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return lower;
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        StringBuilder network = new StringBuilder(39);
        for (int group = 0; group < 8; group++) {
            int value = group < 4 ? ((bytes[group * 2] & 0xff) << 8) | (bytes[group * 2 + 1] & 0xff) : 0;
            if (group > 0) {
                network.append(':');
            }
            network.append(String.format("%04x", value));
        }
        return network.toString();
    }
}
