package dev.trellis.bootstrap.rest;

import dev.trellis.adapter.persistence.testing.StatementCounter;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Signed-in browsers and a look into the outbox, for the REST tests. */
final class RestTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private RestTestSupport() {
    }

    static Browser signedUp(int port) throws Exception {
        Browser browser = new Browser(port, AuthTestSupport.ORIGIN);
        var response = browser.post("/api/auth/sign-up/email",
                "{\"name\":\"Rest User\",\"email\":\"" + AuthTestSupport.Emails.next() + "\",\"password\":\"password-123\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return browser;
    }

    static String userId(Browser browser) throws Exception {
        return browser.get("/api/auth/get-session").json().get("user").get("id").asString();
    }

    /** The events of one aggregate, oldest first. */
    static List<Event> events(JdbcClient jdbc, String aggregateId) {
        return jdbc.sql("select event_type, payload::text as payload, trace_parent from outbox where aggregate_id = ? order by position")
                .param(aggregateId)
                .query((rs, n) -> new Event(rs.getString("event_type"), JSON.readTree(rs.getString("payload")), rs.getString("trace_parent")))
                .list();
    }

    record Event(String type, JsonNode payload, String traceParent) {
    }

    /** Counts the SQL statements the application runs, to prove a route's cost does not grow with rows. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountStatements {
        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource dataSource ? StatementCounter.wrap(dataSource) : bean;
                }
            };
        }
    }
}
