package planted.compliant.domain.item;

import java.util.Optional;

/** A port, declared in the domain. */
public interface ItemRepository {
    Optional<Item> find(String id);

    void save(Item item);
}
