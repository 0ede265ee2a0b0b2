package dev.trellis.bootstrap.command;

import dev.trellis.application.relay.ListParkedEvents;
import dev.trellis.application.relay.ParkedEvent;
import dev.trellis.application.relay.ReplayParkedEvents;
import dev.trellis.domain.shared.Ids;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar trellis-app.jar relay parked} lists the parked events with their reasons;
 * {@code relay replay-parked [--id=obx_…]} sends them to Kafka again (after the cause was fixed), beside
 * a running application: this process relays nothing else and starts no broker of its own. Exit status:
 * 0 done, 1 an event refused again, 2 an unknown subcommand or event id.
 */
public final class RelayCommand implements Command {

    static final String USAGE = "usage: java -jar trellis-app.jar relay parked | relay replay-parked [--id=obx_…]";

    private final Class<?> application;

    public RelayCommand(Class<?> application) {
        this.application = application;
    }

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public String usage() {
        return USAGE.substring("usage: ".length());
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !(args[0].equals("parked") || args[0].equals("replay-parked"))) {
            out.println(USAGE);
            return Commands.USAGE;
        }
        Optional<String> eventId = Arrays.stream(args).filter(arg -> arg.startsWith("--id=")).map(arg -> arg.substring(5)).findFirst();
        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        spring.setDefaultProperties(Map.of(
                // the running application's embedded broker, unless KAFKA_BOOTSTRAP_SERVERS names another
                "spring.kafka.bootstrap-servers", "localhost:${trellis.embedded-kafka.port:9092}",
                // no HTTP here, so nothing is ever signed
                "BETTER_AUTH_SECRET", Ids.nanoid(48)));
        // this command publishes parked events itself: the relay belongs to the running application
        String[] springArgs = Commands.withFixedSettings(List.of(args).subList(1, args.length),
                Map.of("trellis.relay.enabled", "false", "trellis.demo-data", "false"));
        try (ConfigurableApplicationContext context = spring.run(springArgs)) {
            if (args[0].equals("parked")) {
                List<ParkedEvent> parked = context.getBean(ListParkedEvents.class).handle(eventId);
                parked.forEach(p -> out.printf("%s  %s on %s  parked %s (%d attempts): %s%n", p.id(),
                        p.eventType(), p.aggregateId(), p.parkedAt(), p.attempts(), p.reason()));
                out.println(parked.size() + " parked event(s)");
                return 0;
            }
            ReplayParkedEvents.Replayed result = context.getBean(ReplayParkedEvents.class).handle(eventId);
            if (eventId.isPresent() && result.found() == 0) {
                out.println("No parked event " + eventId.get());
                return Commands.USAGE;
            }
            out.printf("Replayed %d of %d parked event(s); %d refused again (kept with the new reason)%n",
                    result.published(), result.found(), result.refused());
            return result.refused() == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
