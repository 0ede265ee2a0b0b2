package planted.controllers.adapter.web.tag;

/** A helper of the room, not a controller. */
public final class TagRequests {
    private TagRequests() {
    }

    public static String require(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
