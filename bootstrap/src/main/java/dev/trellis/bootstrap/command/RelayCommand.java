package dev.trellis.bootstrap.command;

import dev.trellis.bootstrap.wiring.relay.RelayProperties;
import dev.trellis.adapter.messaging.relay.ParkedEventReplay;
import dev.trellis.adapter.messaging.relay.ParkedEvents;
import dev.trellis.adapter.messaging.relay.RelaySettings;
import dev.trellis.bootstrap.wiring.events.EventsPublicUrl;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code java -jar trellis-app.jar relay parked} lists the parked events with their reasons;
 * {@code relay replay-parked [--id=obx_…]} sends them to Kafka again (after the cause was fixed), beside
 * a running application: this process relays nothing else and starts no broker of its own.
 */
public final class RelayCommand {

    static final String USAGE = "usage: java -jar trellis-app.jar relay parked | relay replay-parked [--id=obx_…]";

    private RelayCommand() {
    }

    /** Returns the process's exit code. */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        if (args.length == 0 || !(args[0].equals("parked") || args[0].equals("replay-parked"))) {
            out.println(USAGE);
            return 2;
        }
        String eventId = Arrays.stream(args).filter(arg -> arg.startsWith("--id=")).map(arg -> arg.substring(5)).findFirst().orElse(null);
        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        spring.setDefaultProperties(Map.of(
                "trellis.relay.enabled", "false",
                "trellis.demo-data", "false",
                // the running application's embedded broker, unless KAFKA_BOOTSTRAP_SERVERS names another
                "spring.kafka.bootstrap-servers", "localhost:${trellis.embedded-kafka.port:9092}",
                // no HTTP here, so nothing is ever signed
                "BETTER_AUTH_SECRET", dev.trellis.domain.shared.Ids.nanoid(48)));
        try (ConfigurableApplicationContext context = spring.run(Arrays.copyOfRange(args, 1, args.length))) {
            DataSource dataSource = context.getBean(DataSource.class);
            if (args[0].equals("parked")) {
                var parked = new ParkedEvents(JdbcClient.create(dataSource)).find(eventId);
                parked.forEach(p -> out.printf("%s  %s on %s  parked %s (%d attempts): %s%n", p.event().id(),
                        p.event().eventType(), p.event().aggregateId(), p.parkedAt(), p.attempts(), p.reason()));
                out.println(parked.size() + " parked event(s)");
                return 0;
            }
            @SuppressWarnings("unchecked")
            KafkaTemplate<String, String> kafka = context.getBean(KafkaTemplate.class);
            RelaySettings settings = context.getBean(RelayProperties.class)
                    .settings(context.getBean(EventsPublicUrl.class).value());
            ParkedEventReplay.Result result = new ParkedEventReplay(dataSource, kafka, settings).replay(eventId);
            if (eventId != null && result.found() == 0) {
                out.println("No parked event " + eventId);
                return 2;
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
