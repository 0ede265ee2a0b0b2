package planted.compliant.adapter.messaging;

import org.springframework.stereotype.Component;
import planted.compliant.application.event.EventOutbox;

@Component
public class OutboxRelay implements EventOutbox {
    @Override
    public void append(String event) {
    }
}
