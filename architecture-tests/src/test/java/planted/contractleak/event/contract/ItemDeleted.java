package planted.contractleak.event.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

import java.util.List;

/** Allowed: java.., Jackson and the contract's own classes. */
public record ItemDeleted(@JsonProperty("id") String id, List<String> tagIds, JsonNode raw, ItemTopicName topic) {
}
