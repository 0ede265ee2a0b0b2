package dev.trellis.event.contract;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Topic names: {@code <prefix>.<aggregate type>}, {@code trellis.item} by default; the key is the aggregate id. */
public final class Topics {

    public static final String DEFAULT_PREFIX = "trellis";

    private Topics() {
    }

    public static String topic(String prefix, AggregateType aggregate) {
        return prefix + "." + aggregate.code();
    }

    public static List<String> all(String prefix) {
        return Arrays.stream(AggregateType.values()).map(aggregate -> topic(prefix, aggregate)).toList();
    }

    /** The four topics of one prefix, for {@code KafkaConsumer.subscribe(Pattern)}. */
    public static Pattern pattern(String prefix) {
        return Pattern.compile(Pattern.quote(prefix) + "\\.(user|item|tag|file)");
    }
}
