package dev.trellis.adapter.persistence.testing;

import dev.trellis.adapter.persistence.PostgresConverters;
import dev.trellis.adapter.persistence.auth.AccountPersistenceAdapter;
import dev.trellis.adapter.persistence.auth.SessionPersistenceAdapter;
import dev.trellis.adapter.persistence.auth.VerificationPersistenceAdapter;
import dev.trellis.adapter.persistence.demo.DemoDataSeeder;
import dev.trellis.adapter.persistence.file.FilePersistenceAdapter;
import dev.trellis.adapter.persistence.item.ItemPersistenceAdapter;
import dev.trellis.adapter.persistence.outbox.OutboxPersistenceAdapter;
import dev.trellis.adapter.persistence.snapshot.CurrentStatePersistenceAdapter;
import dev.trellis.adapter.persistence.tag.TagPersistenceAdapter;
import dev.trellis.adapter.persistence.user.UserPersistenceAdapter;
import dev.trellis.application.contract.AuthPorts;
import dev.trellis.application.contract.Ports;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.util.List;

/**
 * The persistence adapters wired for their tests, as bootstrap wires them for the application,
 * on whatever database {@code spring.datasource.url} names. Every DataSource is wrapped in the
 * {@link StatementCounter}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class PersistenceTestApplication extends AbstractJdbcConfiguration {

    @Override
    protected List<?> userConverters() {
        return PostgresConverters.all();
    }

    @Bean
    static BeanPostProcessor countStatements() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? StatementCounter.wrap(dataSource) : bean;
            }
        };
    }

    @Bean
    Ports ports(JdbcAggregateTemplate aggregates, JdbcClient jdbc, TransactionTemplate transaction) {
        return new Ports(new UserPersistenceAdapter(jdbc), new ItemPersistenceAdapter(aggregates, jdbc, transaction),
                new TagPersistenceAdapter(aggregates, jdbc), new FilePersistenceAdapter(aggregates, jdbc),
                new OutboxPersistenceAdapter(jdbc, JsonMapper.builder().build()),
                new InTransaction(new CurrentStatePersistenceAdapter(jdbc), transaction));
    }

    @Bean
    AuthPorts authPorts(JdbcClient jdbc) {
        return new AuthPorts(new SessionPersistenceAdapter(jdbc), new AccountPersistenceAdapter(jdbc),
                new VerificationPersistenceAdapter(jdbc), new UserPersistenceAdapter(jdbc));
    }

    @Bean
    DemoDataSeeder demoDataSeeder(DataSource dataSource, TransactionTemplate transaction) {
        return new DemoDataSeeder(dataSource, transaction);
    }
}
