package planted.adapterport.adapter.persistence;

import org.springframework.data.repository.Repository;

/** Not a violation: a Spring Data repository in the persistence adapter. */
public interface TagRowRepository extends Repository<Object, String> {
}
