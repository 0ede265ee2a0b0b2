package planted.compliant.adapter.persistence.item;

import org.springframework.stereotype.Component;
import planted.compliant.domain.item.Item;
import planted.compliant.domain.item.ItemRepository;

import java.util.Optional;

@Component
public class ItemPersistenceAdapter implements ItemRepository {
    private final ItemRowRepository rows;

    ItemPersistenceAdapter(ItemRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public Optional<Item> find(String id) {
        return rows.findById(id).map(row -> new Item(row.id(), row.title()));
    }

    @Override
    public void save(Item item) {
        rows.save(new ItemRow(item.id(), item.title()));
    }
}
