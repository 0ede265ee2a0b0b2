package planted.graphleak.event.consumer;

import planted.graphleak.event.contract.ItemEvent;

import java.util.List;

public record BatchPlan(List<ItemEvent> upserts) {
}
