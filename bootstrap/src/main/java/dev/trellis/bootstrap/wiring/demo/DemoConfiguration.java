package dev.trellis.bootstrap.wiring.demo;

import dev.trellis.adapter.persistence.demo.DemoDataSeeder;
import dev.trellis.bootstrap.runtime.database.EmbeddedDatabaseServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The demo data at start-up: on the embedded database always, elsewhere when asked for ({@link DemoDataOnStartup}). */
@Configuration(proxyBeanMethods = false)
public class DemoConfiguration {

    @Bean
    DemoDataOnStartup demoDataOnStartup(DemoDataSeeder seeder, Environment environment,
                                        ObjectProvider<EmbeddedDatabaseServer> embedded) {
        return new DemoDataOnStartup(seeder, environment, embedded);
    }
}
