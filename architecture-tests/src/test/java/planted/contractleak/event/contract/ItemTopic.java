package planted.contractleak.event.contract;

import org.springframework.kafka.core.KafkaTemplate;

/** Violation: the contract uses a framework (Spring Kafka), not only the JDK and Jackson. */
public class ItemTopic {
    public void send(KafkaTemplate<String, String> kafka) {
        kafka.send("trellis.item", "{}");
    }
}
