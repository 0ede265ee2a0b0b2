package dev.trellis.bootstrap.metrics;

import dev.trellis.adapter.persistence.testing.PostgresTest;
import dev.trellis.bootstrap.Http;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code MANAGEMENT_SERVER_PORT} set, Prometheus scrapes that port, and the public one serves no actuator. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "BETTER_AUTH_SECRET=" + AuthTestSupport.SECRET, "BETTER_AUTH_URL=http://localhost:3000",
        "management.server.port=0"})
@ContextConfiguration(initializers = PostgresTest.EmbeddedDatabase.class)
class ManagementPortScrapeTest {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void the_scrape_is_on_the_management_port_only() throws Exception {
        var scrape = Http.get(managementPort, "/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(Scrape.parse(scrape.body()).type("jvm_memory_used_bytes")).isEqualTo("gauge");
        assertThat(Http.get(managementPort, "/actuator/health").statusCode()).isEqualTo(200);

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(Http.get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
    }
}
