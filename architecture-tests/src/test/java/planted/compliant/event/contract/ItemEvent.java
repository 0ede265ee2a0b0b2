package planted.compliant.event.contract;

public record ItemEvent(String id, long version) {
}
