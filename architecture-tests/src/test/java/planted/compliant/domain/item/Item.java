package planted.compliant.domain.item;

public record Item(String id, String title) {
    public Item {
        if (title == null || title.isBlank()) throw new IllegalArgumentException("title");
    }
}
