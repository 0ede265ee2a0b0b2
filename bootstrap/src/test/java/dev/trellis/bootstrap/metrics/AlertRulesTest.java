package dev.trellis.bootstrap.metrics;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules under {@code ops/prometheus}, checked and unit-tested by Prometheus's own {@code promtool}
 * (Debian's package {@code prometheus}; {@code .ci/run} installs it): each alert fires when it must and stays silent
 * when it must not ({@code trellis-alerts.test.yml}). Without promtool on the PATH the test reports itself skipped.
 */
class AlertRulesTest {

    @Test
    void the_rules_are_valid_and_their_unit_tests_pass() throws Exception {
        Path promtool = promtool().orElse(null);
        if (promtool == null) {
            System.err.println("AlertRulesTest skipped: no promtool on the PATH (apt-get install prometheus; README \"Metrics\")");
            Assumptions.abort("no promtool on the PATH (apt-get install prometheus; README \"Metrics\")");
        }
        assertThat(run(promtool, "check", "rules", OpsFiles.ALERTS.getFileName().toString())).contains("SUCCESS: 8 rules found");
        assertThat(run(promtool, "test", "rules", OpsFiles.ALERT_TESTS.getFileName().toString())).contains("SUCCESS");
    }

    private static String run(Path promtool, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
        command.addAll(Arrays.asList(arguments));
        Process process = new ProcessBuilder(command).directory(OpsFiles.ALERTS.getParent().toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", arguments), output).isZero();
        return output;
    }

    private static Optional<Path> promtool() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(folder -> Path.of(folder, "promtool")).filter(Files::isExecutable).findFirst();
    }
}
