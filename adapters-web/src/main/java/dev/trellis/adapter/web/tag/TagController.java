package dev.trellis.adapter.web.tag;

import dev.trellis.adapter.web.common.Callers;
import dev.trellis.adapter.web.common.JsonPatch;
import dev.trellis.adapter.web.common.Versions;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.tag.CreateTag;
import dev.trellis.application.tag.DeleteTag;
import dev.trellis.application.tag.ListTags;
import dev.trellis.application.tag.UpdateTag;
import dev.trellis.application.tag.ViewTag;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.shared.TagId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The shared tag vocabulary. */
@RestController
@RequestMapping("/api/tags")
public class TagController {

    record TagBody(String id, String name, String color, String createdBy, Instant createdAt, long version) {
        static TagBody of(Tag tag) {
            return new TagBody(tag.id().value(), tag.name().value(), tag.color().value(),
                    tag.createdBy() == null ? null : tag.createdBy().value(), tag.createdAt(), tag.version());
        }
    }

    private static final Set<String> FIELDS = Set.of("name", "color");

    private final ListTags listTags;
    private final ViewTag viewTag;
    private final CreateTag createTag;
    private final UpdateTag updateTag;
    private final DeleteTag deleteTag;

    public TagController(ListTags listTags, ViewTag viewTag, CreateTag createTag, UpdateTag updateTag, DeleteTag deleteTag) {
        this.listTags = listTags;
        this.viewTag = viewTag;
        this.createTag = createTag;
        this.updateTag = updateTag;
        this.deleteTag = deleteTag;
    }

    @GetMapping
    List<TagBody> list() {
        return listTags.handle().stream().map(TagBody::of).toList();
    }

    @GetMapping("/{id}")
    ResponseEntity<TagBody> view(@PathVariable String id) {
        Tag tag = viewTag.handle(new TagId(id));
        return Versions.ok(TagBody.of(tag), tag.version());
    }

    @PostMapping
    ResponseEntity<TagBody> create(@AuthenticationPrincipal SignedIn caller, @RequestBody JsonNode body) {
        JsonPatch fields = new JsonPatch(body, FIELDS);
        Tag tag = createTag.handle(Callers.of(caller), new CreateTag.Command(
                fields.text("name").orElseThrow(() -> InvalidInput.required("name")), fields.text("color").orElse(null)));
        return ResponseEntity.created(URI.create("/api/tags/" + tag.id().value())).eTag(Versions.etag(tag.version()))
                .body(TagBody.of(tag));
    }

    @PatchMapping("/{id}")
    ResponseEntity<TagBody> update(@AuthenticationPrincipal SignedIn caller, @PathVariable String id,
                                   @RequestBody JsonNode body,
                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        JsonPatch fields = new JsonPatch(body, FIELDS);
        Tag tag = updateTag.handle(Callers.of(caller), new UpdateTag.Command(new TagId(id), Versions.ifMatch(ifMatch),
                fields.text("name"), fields.text("color")));
        return Versions.ok(TagBody.of(tag), tag.version());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal SignedIn caller, @PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        deleteTag.handle(Callers.of(caller), new DeleteTag.Command(new TagId(id), Versions.ifMatch(ifMatch)));
        return ResponseEntity.noContent().build();
    }
}
