package dev.trellis.adapter.web.item;

import dev.trellis.adapter.web.common.Callers;
import dev.trellis.adapter.web.common.JsonPatch;
import dev.trellis.adapter.web.common.Versions;
import dev.trellis.application.RequestContext;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.item.AttachTagToItem;
import dev.trellis.application.item.CreateItem;
import dev.trellis.application.item.DeleteItem;
import dev.trellis.application.item.DetachTagFromItem;
import dev.trellis.application.item.ListItems;
import dev.trellis.application.item.UpdateItem;
import dev.trellis.application.item.ViewItem;
import dev.trellis.domain.item.ItemCursor;
import dev.trellis.domain.item.ItemDetails;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemQuery;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.shared.TagId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The signed-in user's items. Another user's item is 404, exactly as a missing one. */
@RestController
@RequestMapping("/api/items")
public class ItemController {

    private static final Set<String> CREATE_FIELDS = Set.of("title", "description", "content", "status", "imageUrl", "tagIds");
    private static final Set<String> PATCH_FIELDS = Set.of("title", "description", "content", "status", "imageUrl");

    private final CreateItem createItem;
    private final ListItems listItems;
    private final ViewItem viewItem;
    private final UpdateItem updateItem;
    private final DeleteItem deleteItem;
    private final AttachTagToItem attachTagToItem;
    private final DetachTagFromItem detachTagFromItem;

    public ItemController(CreateItem createItem, ListItems listItems, ViewItem viewItem, UpdateItem updateItem,
                          DeleteItem deleteItem, AttachTagToItem attachTagToItem, DetachTagFromItem detachTagFromItem) {
        this.createItem = createItem;
        this.listItems = listItems;
        this.viewItem = viewItem;
        this.updateItem = updateItem;
        this.deleteItem = deleteItem;
        this.attachTagToItem = attachTagToItem;
        this.detachTagFromItem = detachTagFromItem;
    }

    @GetMapping
    ItemJson.Page list(@AuthenticationPrincipal SignedIn caller,
                       @RequestParam(required = false) String status, @RequestParam(required = false) String tag,
                       @RequestParam(required = false) String q, @RequestParam(required = false) Integer limit,
                       @RequestParam(required = false) String cursor) {
        RequestContext context = Callers.of(caller);
        ListItems.Query query = new ListItems.Query(
                Optional.ofNullable(status).map(ItemStatus::fromCode),
                Optional.ofNullable(tag).map(TagId::new),
                Optional.ofNullable(q),
                limit == null ? ItemQuery.DEFAULT_LIMIT : limit,
                Optional.ofNullable(cursor).map(ItemCursor::decode));
        return ItemJson.of(listItems.handle(context, query));
    }

    @PostMapping
    ResponseEntity<ItemJson.ItemBody> create(@AuthenticationPrincipal SignedIn caller,
                                             @RequestBody JsonNode body) {
        JsonPatch fields = new JsonPatch(body, CREATE_FIELDS);
        String title = fields.text("title").orElseThrow(() -> InvalidInput.required("title"));
        ItemDetails created = createItem.handle(Callers.of(caller), new CreateItem.Command(title,
                fields.nullableText("description").flatMap(v -> v).orElse(null),
                fields.nullableText("content").flatMap(v -> v).orElse(null),
                fields.text("status").map(ItemStatus::fromCode).orElse(null),
                fields.nullableText("imageUrl").flatMap(v -> v).orElse(null),
                tagIds(body)));
        return ResponseEntity.created(URI.create("/api/items/" + created.item().id().value()))
                .eTag(Versions.etag(created.item().version())).body(ItemJson.of(created));
    }

    @GetMapping("/{id}")
    ResponseEntity<ItemJson.ItemBody> view(@AuthenticationPrincipal SignedIn caller,
                                           @PathVariable String id) {
        ItemDetails details = viewItem.handle(Callers.of(caller), new ItemId(id));
        return Versions.ok(ItemJson.of(details), details.item().version());
    }

    @PatchMapping("/{id}")
    ResponseEntity<ItemJson.ItemBody> update(@AuthenticationPrincipal SignedIn caller,
                                             @PathVariable String id, @RequestBody JsonNode body,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        JsonPatch fields = new JsonPatch(body, PATCH_FIELDS);
        Optional<String> title = fields.text("title");
        Optional<Optional<String>> description = fields.nullableText("description");
        Optional<Optional<String>> content = fields.nullableText("content");
        Optional<ItemStatus> status = fields.text("status").map(ItemStatus::fromCode);
        Optional<Optional<String>> imageUrl = fields.nullableText("imageUrl");
        ItemDetails details = updateItem.handle(Callers.of(caller), new UpdateItem.Command(new ItemId(id),
                Versions.ifMatch(ifMatch), title, description, content, status, imageUrl));
        return Versions.ok(ItemJson.of(details), details.item().version());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal SignedIn caller, @PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        deleteItem.handle(Callers.of(caller), new DeleteItem.Command(new ItemId(id), Versions.ifMatch(ifMatch)));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{id}/tags/{tagId}")
    ResponseEntity<Void> attachTag(@AuthenticationPrincipal SignedIn caller,
                                   @PathVariable String id, @PathVariable String tagId) {
        ItemDetails details = attachTagToItem.handle(Callers.of(caller),
                new AttachTagToItem.Command(new ItemId(id), new TagId(tagId)));
        return ResponseEntity.noContent().eTag(Versions.etag(details.item().version())).build();
    }

    @DeleteMapping("/{id}/tags/{tagId}")
    ResponseEntity<Void> detachTag(@AuthenticationPrincipal SignedIn caller,
                                   @PathVariable String id, @PathVariable String tagId) {
        ItemDetails details = detachTagFromItem.handle(Callers.of(caller),
                new DetachTagFromItem.Command(new ItemId(id), new TagId(tagId)));
        return ResponseEntity.noContent().eTag(Versions.etag(details.item().version())).build();
    }

    private static List<TagId> tagIds(JsonNode body) {
        if (!body.has("tagIds") || body.get("tagIds").isNull()) {
            return List.of();
        }
        JsonNode array = body.get("tagIds");
        if (!array.isArray()) {
            throw new InvalidInput("tagIds", "field.type", "must be an array of tag ids");
        }
        List<TagId> ids = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isString()) {
                throw new InvalidInput("tagIds", "field.type", "must be an array of tag ids");
            }
            ids.add(new TagId(element.asString()));
        }
        return ids;
    }
}
