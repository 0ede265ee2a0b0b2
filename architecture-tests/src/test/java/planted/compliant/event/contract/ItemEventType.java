package planted.compliant.event.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.databind.json.JsonMapper;

import java.util.Locale;

/** Allowed in the contract: java.., Jackson (databind and its annotations) and the contract itself. */
public enum ItemEventType {
    CREATED, UPDATED;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @JsonValue
    public String code() {
        return "item." + name().toLowerCase(Locale.ROOT);
    }

    public String json() {
        return JSON.writeValueAsString(this);
    }
}
