package planted.controllers.adapter.web.tag;

import org.springframework.web.bind.annotation.RestController;

/** Allowed: uses a helper of its room, and itself. */
@RestController
public class TagController {
    public static String required(String field, String value) {
        return TagRequests.require(field, value);
    }

    public String create(String name) {
        return required("name", name);
    }
}
