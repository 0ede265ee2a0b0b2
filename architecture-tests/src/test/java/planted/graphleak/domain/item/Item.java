package planted.graphleak.domain.item;

public record Item(String id, String title) {
}
