package planted.adapterleak.adapter.persistence;

public record ItemRow(String id, String title) {
}
