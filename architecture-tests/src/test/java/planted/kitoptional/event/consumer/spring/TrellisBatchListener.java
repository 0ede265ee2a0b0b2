package planted.kitoptional.event.consumer.spring;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchMessageListener;

import java.util.List;

/** Allowed: the spring-kafka listener is the one place that uses spring-kafka. */
public class TrellisBatchListener implements BatchMessageListener<String, byte[]> {
    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
    }
}
