package planted.consumerleak.domain.item;

public record Item(String id, String title) {
}
