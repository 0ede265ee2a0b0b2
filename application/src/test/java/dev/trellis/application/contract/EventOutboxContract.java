package dev.trellis.application.contract;

import dev.trellis.application.event.OutboxEvent;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.OutboxEventId;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class EventOutboxContract extends PortContract {

    @Test
    void events_read_back_per_aggregate_in_append_order_with_their_payload_and_a_growing_version() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", "itm_abcdefghijkl");
        payload.put("title", "Plan");
        payload.put("tagIds", List.of("tag_aaaaaaaa", "tag_bbbbbbbb"));
        payload.put("imageUrl", null);
        payload.put("nested", Map.of("flag", true));
        OutboxEvent created = event("item", "itm_abcdefghijkl", "item.created", payload);
        OutboxEvent updated = event("item", "itm_abcdefghijkl", "item.updated", Map.of("title", "Plan B"));
        OutboxEvent other = event("item", "itm_zzzzzzzzzzzz", "item.created", Map.of());

        ports.outbox().append(List.of(created, other));
        ports.outbox().append(List.of(updated));

        List<OutboxEvent> stored = ports.outbox().findByAggregate("item", "itm_abcdefghijkl");
        assertThat(stored).extracting(OutboxEvent::id).containsExactly(created.id(), updated.id());
        assertThat(stored).extracting(OutboxEvent::eventType).containsExactly("item.created", "item.updated");
        assertThat(stored.get(0).occurredAt()).isEqualTo(created.occurredAt());
        assertThat(stored.get(0).traceParent()).isEqualTo(created.traceParent());
        Map<String, Object> first = new LinkedHashMap<>(stored.get(0).payload());
        assertThat(((Number) first.remove("version")).longValue()).isEqualTo(1);
        assertThat(first).isEqualTo(payload);
        assertThat(((Number) stored.get(1).payload().get("version")).longValue()).isEqualTo(2);
        assertThat(stored.get(1).payload().get("title")).isEqualTo("Plan B");
        assertThat(((Number) ports.outbox().findByAggregate("item", "itm_zzzzzzzzzzzz").get(0).payload().get("version")).longValue())
                .isEqualTo(1);
        assertThat(ports.outbox().findByAggregate("tag", "itm_abcdefghijkl")).isEmpty();
    }

    @Test
    void an_event_id_is_written_once() {
        OutboxEvent event = event("tag", "tag_aaaaaaaa", "tag.created", Map.of());
        ports.outbox().append(List.of(event));

        assertThatThrownBy(() -> ports.outbox().append(List.of(event))).isInstanceOf(DataAccessFailure.DuplicateValue.class);
    }

    private OutboxEvent event(String type, String id, String eventType, Map<String, Object> payload) {
        return new OutboxEvent(OutboxEventId.generate(), type, id, eventType, payload, tick(),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }
}
