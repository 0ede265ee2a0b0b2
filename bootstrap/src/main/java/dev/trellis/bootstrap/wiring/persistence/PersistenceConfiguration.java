package dev.trellis.bootstrap.wiring.persistence;

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
import dev.trellis.application.snapshot.CurrentState;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.domain.auth.AccountRepository;
import dev.trellis.domain.auth.SessionRepository;
import dev.trellis.domain.auth.VerificationRepository;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.tag.TagRepository;
import dev.trellis.domain.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.util.List;

/** Spring Data JDBC with PostgreSQL's enum converters, and the persistence adapters behind their ports. */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration extends AbstractJdbcConfiguration {

    @Override
    protected List<?> userConverters() {
        return PostgresConverters.all();
    }

    @Bean
    UserRepository userRepository(JdbcClient jdbc) {
        return new UserPersistenceAdapter(jdbc);
    }

    @Bean
    ItemRepository itemRepository(JdbcAggregateTemplate aggregates, JdbcClient jdbc, TransactionTemplate transaction) {
        return new ItemPersistenceAdapter(aggregates, jdbc, transaction);
    }

    @Bean
    TagRepository tagRepository(JdbcAggregateTemplate aggregates, JdbcClient jdbc) {
        return new TagPersistenceAdapter(aggregates, jdbc);
    }

    @Bean
    FileRepository fileRepository(JdbcAggregateTemplate aggregates, JdbcClient jdbc) {
        return new FilePersistenceAdapter(aggregates, jdbc);
    }

    @Bean
    EventOutbox eventOutbox(JdbcClient jdbc, JsonMapper json) {
        return new OutboxPersistenceAdapter(jdbc, json);
    }

    @Bean
    CurrentState currentState(JdbcClient jdbc) {
        return new CurrentStatePersistenceAdapter(jdbc);
    }

    @Bean
    SessionRepository sessionRepository(JdbcClient jdbc) {
        return new SessionPersistenceAdapter(jdbc);
    }

    @Bean
    AccountRepository accountRepository(JdbcClient jdbc) {
        return new AccountPersistenceAdapter(jdbc);
    }

    @Bean
    VerificationRepository verificationRepository(JdbcClient jdbc) {
        return new VerificationPersistenceAdapter(jdbc);
    }

    @Bean
    DemoDataSeeder demoDataSeeder(DataSource dataSource, TransactionTemplate transaction) {
        return new DemoDataSeeder(dataSource, transaction);
    }
}
