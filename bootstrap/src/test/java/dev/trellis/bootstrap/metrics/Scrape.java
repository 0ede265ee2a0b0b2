package dev.trellis.bootstrap.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text-format scrape, parsed: each family's {@code # TYPE}, and each sample with its labels. */
record Scrape(Map<String, String> types, List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    static Scrape parse(String text) {
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(sample(line));
            }
        }
        return new Scrape(types, samples);
    }

    /** The type of a family, named as it is queried: a counter's {@code _total} and a histogram's base name both do. */
    String type(String family) {
        String type = types.get(family);
        if (type == null && family.endsWith("_total")) {
            type = types.get(family.substring(0, family.length() - "_total".length()));
        }
        if (type == null) {
            throw new AssertionError("no # TYPE for " + family + " in the scrape; families: " + types.keySet());
        }
        return type;
    }

    /** True when a sample has this name and at least these labels ({@code name{a="b"}}). */
    boolean has(String selector) {
        return !matching(selector).isEmpty();
    }

    /** A metric name as queried: some sample carries it. */
    boolean hasMetric(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }

    /** The value of the one sample this selector picks. */
    double value(String selector) {
        List<Sample> matching = matching(selector);
        if (matching.size() != 1) {
            throw new AssertionError(selector + " picks " + matching.size() + " samples: " + matching);
        }
        return matching.get(0).value();
    }

    private List<Sample> matching(String selector) {
        Sample wanted = sample(selector + " 0");
        return samples.stream().filter(sample -> sample.name().equals(wanted.name())
                && sample.labels().entrySet().containsAll(wanted.labels().entrySet())).toList();
    }

    private static Sample sample(String line) {
        Matcher matcher = SAMPLE.matcher(line.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a sample line: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (matcher.group(3) != null) {
            Matcher label = LABEL.matcher(matcher.group(3));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        String value = matcher.group(4);
        return new Sample(matcher.group(1), labels, switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        });
    }
}
