package dev.trellis.adapter.persistence.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * Writes the seed's demo data (demo@example.com, three tags, two items) in one transaction.
 * Idempotent: fixed ids and {@code on conflict do nothing}, so running it again changes nothing.
 */
public class DemoDataSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);
    public static final String DEMO_EMAIL = "demo@example.com";
    /** Documented in the README: a newcomer signs in at once. */
    public static final String DEMO_PASSWORD = "trellis-demo";

    private final DataSource dataSource;
    private final TransactionTemplate transaction;

    public DemoDataSeeder(DataSource dataSource, TransactionTemplate transaction) {
        this.dataSource = dataSource;
        this.transaction = transaction;
    }

    public void seed() {
        var script = new ResourceDatabasePopulator(new ClassPathResource("db/demo/demo-data.sql"));
        transaction.executeWithoutResult(status -> script.execute(dataSource));
        log.info("Demo data present: {} with tags Important, Work, Personal and two items", DEMO_EMAIL);
    }
}
