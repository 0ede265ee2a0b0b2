package planted.graphleak.event.contract;

public record ItemEvent(String id, long version) {
}
