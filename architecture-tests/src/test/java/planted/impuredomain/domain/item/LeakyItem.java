package planted.impuredomain.domain.item;

import org.springframework.data.annotation.Id;

/** Violation: a Spring Data annotation in the domain. */
public class LeakyItem {
    @Id
    private String id;
}
