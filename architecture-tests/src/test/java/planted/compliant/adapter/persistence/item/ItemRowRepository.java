package planted.compliant.adapter.persistence.item;

import org.springframework.data.repository.ListCrudRepository;

/** Allowed: a Spring Data repository inside the persistence adapter is a detail, not a port. */
interface ItemRowRepository extends ListCrudRepository<ItemRow, String> {
}
