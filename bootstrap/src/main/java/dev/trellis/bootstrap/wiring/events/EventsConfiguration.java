package dev.trellis.bootstrap.wiring.events;

import dev.trellis.adapter.web.events.EventContractSettings;
import dev.trellis.bootstrap.wiring.relay.RelayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The event contract as this deployment publishes it: the public URL that names the schemas (the relay's
 * {@code ce_dataschema}, the served {@code $id}s and the AsyncAPI document's references agree on it), and
 * the topics as the relay makes them.
 */
@Configuration(proxyBeanMethods = false)
public class EventsConfiguration {

    /** The event API's version in the AsyncAPI document; each payload has its own schema version. */
    static final String EVENT_API_VERSION = "1";

    @Bean
    EventsPublicUrl eventsPublicUrl(Environment environment) {
        return EventsPublicUrl.resolve(environment);
    }

    @Bean
    EventContractSettings eventContractSettings(EventsPublicUrl publicUrl, RelayProperties relay) {
        return new EventContractSettings(publicUrl.value(), relay.topicPrefix(), relay.topicPartitions(), EVENT_API_VERSION);
    }
}
