package dev.trellis.bootstrap;

import dev.trellis.bootstrap.wiring.demo.DemoDataOnStartup;
import dev.trellis.adapter.persistence.demo.DemoDataSeeder;
import dev.trellis.bootstrap.runtime.database.EmbeddedDatabaseServer;
import dev.trellis.bootstrap.command.SnapshotCommand;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.Arrays;

/**
 * Trellis. {@code java -jar trellis-app.jar} serves HTTP on 8080; {@code java -jar trellis-app.jar seed}
 * applies the migrations, writes the demo data to the configured database and exits;
 * {@code java -jar trellis-app.jar snapshot [--user=<id>]} republishes the current state as events
 * ({@link SnapshotCommand}); {@code watch} prints the events on Kafka; {@code relay parked} and
 * {@code relay replay-parked [--id=obx_…]} list and resend the events Kafka refused.
 */
@SpringBootApplication(scanBasePackages = {"dev.trellis.bootstrap", "dev.trellis.adapter.web"},
        exclude = UserDetailsServiceAutoConfiguration.class) // users are Better Auth's, not Spring Security's
public class TrellisApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("watch")) {
            dev.trellis.bootstrap.command.WatchCommand.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("relay")) {
            System.exit(dev.trellis.bootstrap.command.RelayCommand.run(TrellisApplication.class,
                    Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        if (args.length > 0 && args[0].equals("seed")) {
            seed(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("snapshot")) {
            int status = SnapshotCommand.run(Arrays.copyOfRange(args, 1, args.length));
            if (status != 0) {
                System.exit(status);
            }
            return;
        }
        SpringApplication.run(TrellisApplication.class, args);
    }

    /** Migrate, seed the demo data (idempotent) and stop: no web server. */
    static void seed(String[] args) {
        SpringApplication application = new SpringApplication(TrellisApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // No HTTP here, so no session is ever signed: a throwaway secret stands in when none is configured.
        // The relay belongs to the running application: the demo data's events wait in the outbox for it.
        application.setDefaultProperties(java.util.Map.of("trellis.demo-data", "true", "trellis.relay.enabled", "false",
                "BETTER_AUTH_SECRET", dev.trellis.domain.shared.Ids.nanoid(48)));
        try (ConfigurableApplicationContext ignored = application.run(args)) {
            // DemoDataOnStartup has run; closing stops the embedded server if there is one.
        }
    }

    @Bean
    DemoDataOnStartup demoDataOnStartup(DemoDataSeeder seeder, Environment environment,
                                        ObjectProvider<EmbeddedDatabaseServer> embedded) {
        return new DemoDataOnStartup(seeder, environment, embedded);
    }
}
