package planted.compliant.adapter.web;

import org.springframework.stereotype.Controller;
import planted.compliant.application.item.CreateItem;

/** Allowed: an adapter uses the application. */
@Controller
public class ItemController {
    private final CreateItem createItem;

    public ItemController(CreateItem createItem) {
        this.createItem = createItem;
    }

    public String create(String id, String title) {
        return createItem.handle(id, title);
    }
}
