package planted.adapterport.adapter.persistence;

/** Violation: a hand-written port named *Repository in the adapter that should implement it. */
public interface ItemRepository {
    void save(String id);
}
