package planted.consumerleak.adapter.persistence;

public record ItemRow(String id, String title) {
}
