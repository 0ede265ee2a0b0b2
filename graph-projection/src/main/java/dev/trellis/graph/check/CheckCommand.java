package dev.trellis.graph.check;

import dev.trellis.event.contract.Topics;
import dev.trellis.graph.check.catchup.CatchUp;
import dev.trellis.graph.check.report.CheckFailed;
import dev.trellis.graph.check.report.CheckReport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.exceptions.Neo4jException;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code java -jar trellis-graph.jar check [options]}: compares the graph with PostgreSQL at a consistent point
 * and prints the differences by kind. Exit code 0 when equal, 1 when anything differs, 2 when the check could
 * not be made (a store unreachable, or the relay or the projection did not catch up in time).
 */
public final class CheckCommand {

    public static final int EQUAL = 0;
    public static final int DIFFERENT = 1;
    public static final int NOT_CHECKED = 2;

    private CheckCommand() {
    }

    /** Records come in pulls of 5,000 (the driver's default is 1,000): fewer round trips on long scans. */
    static Config driverConfig() {
        return Config.builder().withFetchSize(5_000).withLogging(Logging.none()).build();
    }

    public static int run(String[] args, PrintStream out) {
        return run(args, System.getenv(), out);
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out) {
        CheckSettings settings;
        try {
            settings = CheckSettings.parse(args, environment);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.print(CheckSettings.USAGE);
            return NOT_CHECKED;
        }
        if (settings.help()) {
            out.print(CheckSettings.USAGE);
            return EQUAL;
        }
        out.println("Checking the graph at " + settings.neo4jUri() + " against PostgreSQL at " + settings.postgres().describe());
        AuthToken auth = settings.neo4jUser() == null ? AuthTokens.none() : AuthTokens.basic(settings.neo4jUser(), settings.neo4jPassword());
        try (Driver driver = GraphDatabase.driver(settings.neo4jUri(), auth, driverConfig());
             Admin kafka = settings.waitForCatchUp() ? Admin.create(Map.of(
                     AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka(),
                     AdminClientConfig.CLIENT_ID_CONFIG, "trellis-graph-check",
                     AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                     AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000)) : null) {
            try {
                driver.verifyConnectivity();
            } catch (Neo4jException e) {
                out.println("NOT CHECKED: could not reach Neo4j at " + settings.neo4jUri() + ": " + e.getMessage());
                return NOT_CHECKED;
            }
            String relay = settings.relay() != null || kafka == null ? settings.relay() : CatchUp.theOnlyRelay(settings.postgres());
            CatchUp catchUp = kafka == null ? null : new CatchUp(settings.postgres(), relay, kafka, settings.kafka(),
                    Topics.all(settings.topicPrefix()), settings.group(), settings.timeout());
            GraphChecker.Options options = new GraphChecker.Options(settings.rangesPerKind(),
                    GraphChecker.Options.defaults().recheckLimit(), GraphChecker.Options.defaults().threads(), relay,
                    settings.group());
            CheckReport report = new GraphChecker(settings.postgres(), driver, catchUp, options).check();
            report.print(out, settings.examples());
            return report.equal() ? EQUAL : DIFFERENT;
        } catch (CheckFailed e) {
            out.println("NOT CHECKED: " + e.getMessage());
            return NOT_CHECKED;
        } catch (Neo4jException e) {
            out.println("NOT CHECKED: Neo4j at " + settings.neo4jUri() + ": " + e.getMessage());
            return NOT_CHECKED;
        }
    }
}
