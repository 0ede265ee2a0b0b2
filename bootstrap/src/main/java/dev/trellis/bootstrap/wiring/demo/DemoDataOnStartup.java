package dev.trellis.bootstrap.wiring.demo;

import dev.trellis.adapter.persistence.demo.DemoDataSeeder;
import dev.trellis.bootstrap.runtime.database.EmbeddedDatabaseServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

/**
 * Seeds the demo data after the migrations: always on the embedded database, on demand elsewhere
 * ({@code TRELLIS_DEMO_DATA=true}, or the {@code seed} command).
 */
public class DemoDataOnStartup implements ApplicationRunner {

    private final DemoDataSeeder seeder;
    private final Environment environment;
    private final ObjectProvider<EmbeddedDatabaseServer> embedded;

    public DemoDataOnStartup(DemoDataSeeder seeder, Environment environment, ObjectProvider<EmbeddedDatabaseServer> embedded) {
        this.seeder = seeder;
        this.environment = environment;
        this.embedded = embedded;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean byDefault = embedded.getIfAvailable() != null;
        if (environment.getProperty("trellis.demo-data", Boolean.class, byDefault)) {
            seeder.seed();
        }
    }
}
