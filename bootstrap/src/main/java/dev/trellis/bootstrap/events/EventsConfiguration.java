package dev.trellis.bootstrap.events;

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

    @Bean
    EventsPublicUrl eventsPublicUrl(Environment environment) {
        return EventsPublicUrl.resolve(environment);
    }
}
