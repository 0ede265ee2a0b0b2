package planted.contractleak.domain.item;

public record ItemTitle(String value) {
}
