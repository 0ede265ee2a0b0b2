package planted.adapterport.adapter.web;

import org.springframework.data.repository.CrudRepository;

/** Violation: Spring Data repositories are allowed in the persistence adapter only. */
public interface TagRowRepository extends CrudRepository<Object, String> {
}
