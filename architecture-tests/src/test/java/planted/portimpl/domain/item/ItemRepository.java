package planted.portimpl.domain.item;

/** A port of the domain. */
public interface ItemRepository {
    String find(String id);
}
