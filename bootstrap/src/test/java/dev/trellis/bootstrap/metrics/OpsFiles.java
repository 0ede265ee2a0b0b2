package dev.trellis.bootstrap.metrics;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's files committed under {@code ops/}: the Grafana dashboard and the Prometheus alert rules, and the
 * metric names their queries use.
 */
final class OpsFiles {

    static final Path OPS = Path.of("").toAbsolutePath().getParent().resolve("ops");
    static final Path DASHBOARD = OPS.resolve("grafana/trellis-dashboard.json");
    static final Path ALERTS = OPS.resolve("prometheus/trellis-alerts.yml");
    static final Path ALERT_TESTS = OPS.resolve("prometheus/trellis-alerts.test.yml");

    /** Metric names as PromQL uses them: the prefixes of the meters Trellis and its libraries publish. */
    private static final Pattern METRIC =
            Pattern.compile("\\b(?:trellis|http|hikaricp|jvm|process|system|tomcat|executor|logback|disk)_[a-zA-Z0-9_]+");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    private OpsFiles() {
    }

    /** Every panel's queries, panels inside rows included. */
    static List<String> dashboardExpressions() {
        JsonNode dashboard = JsonMapper.builder().build().readTree(read(DASHBOARD));
        List<String> expressions = new ArrayList<>();
        collect(dashboard.get("panels"), expressions);
        return expressions;
    }

    private static void collect(JsonNode panels, List<String> expressions) {
        if (panels == null) {
            return;
        }
        for (JsonNode panel : panels) {
            if ("row".equals(panel.path("type").asString(""))) {
                collect(panel.get("panels"), expressions);
                continue;
            }
            JsonNode targets = panel.get("targets");
            if (targets == null || targets.isEmpty()) {
                throw new AssertionError("the panel \"" + panel.path("title").asString("") + "\" has no query");
            }
            for (JsonNode target : targets) {
                expressions.add(target.path("expr").asString(""));
            }
        }
    }

    static Set<String> dashboardMetrics() {
        return metricsIn(dashboardExpressions());
    }

    /** The {@code expr} of every alerting and recording rule. */
    @SuppressWarnings("unchecked")
    static List<String> alertExpressions() {
        Map<String, Object> file = new Yaml().load(read(ALERTS));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add(String.valueOf(rule.get("expr")));
            }
        }
        return expressions;
    }

    static Set<String> alertMetrics() {
        return metricsIn(alertExpressions());
    }

    /** The graph projection's meters: published by its own JVM, not by the application. */
    static boolean isProjectionMetric(String metric) {
        return metric.startsWith("trellis_consumer_") || metric.startsWith("trellis_graph_");
    }

    /** The metric names of each expression; an expression that names none is an error. */
    static Set<String> metricsIn(List<String> expressions) {
        Set<String> metrics = new TreeSet<>();
        for (String expression : expressions) {
            Matcher matcher = METRIC.matcher(QUOTED.matcher(expression).replaceAll("\"\""));
            boolean any = false;
            while (matcher.find()) {
                metrics.add(matcher.group());
                any = true;
            }
            if (!any) {
                throw new AssertionError("the query names no known metric: " + expression);
            }
        }
        return metrics;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
