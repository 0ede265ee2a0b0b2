package planted.contractleak.event.contract;

/** Allowed: a class of the contract itself. */
public record ItemTopicName(String value) {
}
