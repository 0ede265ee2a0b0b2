package planted.portimpl.adapter.web;

import planted.portimpl.domain.item.ItemRepository;

/** Violation: the driving side implements a port. */
public class ItemCache implements ItemRepository {
    @Override
    public String find(String id) {
        return "cached " + id;
    }
}
