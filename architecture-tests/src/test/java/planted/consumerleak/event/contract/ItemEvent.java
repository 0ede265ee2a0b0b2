package planted.consumerleak.event.contract;

public record ItemEvent(String id, long version) {
}
