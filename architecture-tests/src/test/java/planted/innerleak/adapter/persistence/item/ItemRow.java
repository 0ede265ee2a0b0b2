package planted.innerleak.adapter.persistence.item;

public record ItemRow(String id) {
}
