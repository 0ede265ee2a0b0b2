package planted.controllers.adapter.web.item;

import org.springframework.web.bind.annotation.RestController;
import planted.controllers.adapter.web.tag.TagController;

/** Violation: borrows another controller's helper. */
@RestController
public class ItemController {
    public String create(String title) {
        return TagController.required("title", title);
    }
}
