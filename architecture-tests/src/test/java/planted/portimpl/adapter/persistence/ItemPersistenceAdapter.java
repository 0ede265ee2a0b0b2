package planted.portimpl.adapter.persistence;

import planted.portimpl.domain.item.ItemRepository;

/** Allowed: the persistence adapter implements a domain port. */
public class ItemPersistenceAdapter implements ItemRepository {
    @Override
    public String find(String id) {
        return "row " + id;
    }
}
