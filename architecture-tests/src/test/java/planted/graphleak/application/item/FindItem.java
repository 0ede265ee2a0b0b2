package planted.graphleak.application.item;

public interface FindItem {
    String title(String id);
}
