package planted.springapplication.application.item;

import org.springframework.stereotype.Service;

/** Violation: a Spring stereotype on a use case (use cases are wired with @Bean in bootstrap). */
@Service
public class ItemService {
}
