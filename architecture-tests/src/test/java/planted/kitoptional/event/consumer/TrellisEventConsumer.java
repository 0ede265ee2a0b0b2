package planted.kitoptional.event.consumer;

import org.springframework.util.StringUtils;

/** Violation: the plain-Kafka consumer needs Spring. */
public class TrellisEventConsumer {
    public boolean named(String groupId) {
        return StringUtils.hasText(groupId);
    }
}
