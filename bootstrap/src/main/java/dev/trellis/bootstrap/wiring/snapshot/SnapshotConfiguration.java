package dev.trellis.bootstrap.wiring.snapshot;

import dev.trellis.application.snapshot.CurrentState;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.application.snapshot.RepublishCurrentState;
import dev.trellis.application.snapshot.SnapshotPages;
import dev.trellis.domain.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The snapshot use case: the {@code snapshot} command runs it, beside the running application. */
@Configuration(proxyBeanMethods = false)
public class SnapshotConfiguration {

    @Bean
    SnapshotPages snapshotPages(CurrentState state, EventOutbox outbox, Clock clock) {
        return new SnapshotPages(state, outbox, clock);
    }

    @Bean
    RepublishCurrentState republishCurrentState(SnapshotPages pages, UserRepository users) {
        return new RepublishCurrentState(pages, users, RepublishCurrentState.PAGE_SIZE);
    }
}
