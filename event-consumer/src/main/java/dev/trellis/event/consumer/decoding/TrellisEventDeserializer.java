package dev.trellis.event.consumer.decoding;

import dev.trellis.event.contract.EventDecoder;
import dev.trellis.event.contract.EventDecodingException;
import dev.trellis.event.contract.EventDecodingException.Reason;
import dev.trellis.event.contract.TrellisEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka value deserializer for Trellis's records: headers and value in, a typed {@link TrellisEvent}
 * out, strictly (an unknown type or {@code schemaVersion} throws). A deserializer is not told the
 * record's partition and offset; the consumer reports them by wrapping the failure in a
 * {@code RecordDeserializationException} ("Error deserializing VALUE for partition trellis.item-2 at
 * offset 1042"), and the same record fails again on every poll until the contract is upgraded: it is
 * never skipped.
 *
 * <p>With spring-kafka, prefer {@link dev.trellis.event.consumer.spring.TrellisBatchListener} on {@code byte[]} values: it names the record
 * itself and stops the container cleanly. Wrapping this deserializer in spring-kafka's
 * {@code ErrorHandlingDeserializer} turns a failure into a record carrying a
 * {@code DeserializationException}, which the default error handler logs and <em>skips</em>: use it only
 * with an error handler that stops the container on it ({@code CommonContainerStoppingErrorHandler}) or
 * that parks the record where someone looks (a dead-letter topic).
 */
public class TrellisEventDeserializer implements Deserializer<TrellisEvent> {

    private final EventDecoder decoder = new EventDecoder();

    @Override
    public TrellisEvent deserialize(String topic, byte[] data) {
        throw new EventDecodingException(Reason.MISSING_HEADER,
                topic + ": a Trellis event needs its record's headers (CloudEvents binary mode); none were given");
    }

    @Override
    public TrellisEvent deserialize(String topic, Headers headers, byte[] data) {
        return decoder.decode(topic, name -> TrellisRecordDecoder.header(headers, name), data);
    }
}
