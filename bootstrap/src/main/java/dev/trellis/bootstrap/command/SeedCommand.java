package dev.trellis.bootstrap.command;

import dev.trellis.domain.shared.Ids;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar trellis-app.jar seed}: applies the migrations, writes the demo data (idempotently) to
 * the configured database and exits; no web server. On the embedded database it attaches to the server
 * of a running application, and leaves it running.
 */
public final class SeedCommand implements Command {

    private final Class<?> application;

    public SeedCommand(Class<?> application) {
        this.application = application;
    }

    @Override
    public String name() {
        return "seed";
    }

    @Override
    public String usage() {
        return "java -jar trellis-app.jar seed";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        // No HTTP here, so no session is ever signed: a throwaway secret stands in when none is configured.
        // The relay belongs to the running application: the demo data's events wait in the outbox for it.
        spring.setDefaultProperties(Map.of("BETTER_AUTH_SECRET", Ids.nanoid(48)));
        try (ConfigurableApplicationContext ignored = spring.run(Commands.withFixedSettings(List.of(args),
                Map.of("trellis.demo-data", "true", "trellis.relay.enabled", "false")))) {
            // The demo data is written at start-up; closing stops the embedded server if this process started one.
        }
        return 0;
    }
}
