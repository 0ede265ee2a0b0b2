package dev.trellis.event.consumer.decoding;

import dev.trellis.event.contract.EventDecoder;
import dev.trellis.event.contract.EventDecodingException;
import dev.trellis.event.contract.EventDecodingException.Reason;
import dev.trellis.event.contract.TrellisEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Kafka records (values as bytes) into typed events with the contract's strict
 * {@link EventDecoder}, naming each record {@code topic-partition@offset} in errors. A record it cannot
 * read is an {@link EventDecodingException}: the caller stops, it never skips the record.
 */
public final class TrellisRecordDecoder {

    private final EventDecoder decoder = new EventDecoder();

    public TrellisEvent decode(ConsumerRecord<?, byte[]> record) {
        String where = where(record);
        TrellisEvent event = decoder.decode(where, name -> header(record.headers(), name), record.value());
        if (record.key() instanceof String key && !key.equals(event.subject())) {
            throw new EventDecodingException(Reason.MALFORMED_PAYLOAD, where + ": the key '" + key
                    + "' is not the event's subject '" + event.subject() + "'; not a record Trellis wrote");
        }
        return event;
    }

    /** Decodes every record, in order; the first it cannot read throws. */
    public List<TrellisEvent> decodeAll(Iterable<? extends ConsumerRecord<?, byte[]>> records) {
        List<TrellisEvent> events = new ArrayList<>();
        for (ConsumerRecord<?, byte[]> record : records) {
            events.add(decode(record));
        }
        return events;
    }

    /** {@code trellis.item-2@1042}: where the record is, for an operator. */
    public static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
