package planted.springapplication.application.item;

import org.springframework.context.ApplicationEventPublisher;

/** Violation: Spring's event publisher instead of the outbox port. */
public class PublishItem {
    private final ApplicationEventPublisher events;

    public PublishItem(ApplicationEventPublisher events) {
        this.events = events;
    }
}
