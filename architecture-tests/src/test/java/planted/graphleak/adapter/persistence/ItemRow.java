package planted.graphleak.adapter.persistence;

public record ItemRow(String id, String title) {
}
