package dev.trellis.application.file;

import dev.trellis.application.PreconditionFailed;
import dev.trellis.application.RequestContext;
import dev.trellis.application.event.OutboxEvent;
import dev.trellis.application.testing.InMemoryFileStorage;
import dev.trellis.application.testing.InMemoryStore;
import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.Item;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.item.ItemTitle;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.user.EmailAddress;
import dev.trellis.domain.user.User;
import dev.trellis.domain.shared.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

/** The file use cases against the in-memory fakes. */
class FileUseCasesTest {

    static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001");

    final InMemoryStore store = new InMemoryStore();
    final InMemoryFileStorage storage = new InMemoryFileStorage();
    final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    final UploadFile upload = new UploadFile(store.fileRepository, store.itemRepository, storage, store.eventOutbox, clock,
            id -> "/api/files/" + id + "/content");
    final ListFiles list = new ListFiles(store.fileRepository);
    final ViewFile view = new ViewFile(store.fileRepository);
    final DownloadFile download = new DownloadFile(store.fileRepository, storage);
    final AttachFile attach = new AttachFile(store.fileRepository, store.itemRepository, store.eventOutbox, clock);
    final DeleteFile delete = new DeleteFile(store.fileRepository, storage, store.eventOutbox, clock);
    final RequestContext alice = new RequestContext(user("alice"), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    final RequestContext bob = new RequestContext(user("bob"), null);

    @Test
    void an_upload_stores_the_bytes_under_a_key_of_trellis_making_and_writes_one_created_event() throws IOException {
        ItemId item = item(alice);

        StoredFile file = upload.handle(alice, new UploadFile.Command("../../etc/photo.png", "image/png", stream(PNG), item));

        assertThat(file.filename()).isEqualTo("photo.png");
        assertThat(file.storageKey()).isEqualTo(alice.user().value() + "/" + file.id().value());
        assertThat(file.url()).isEqualTo("/api/files/" + file.id() + "/content");
        assertThat(file.size()).isEqualTo(PNG.length);
        assertThat(file.mimeType().value()).isEqualTo("image/png");
        assertThat(file.item()).isEqualTo(item);
        assertThat(store.fileRepository.findById(file.id())).contains(file);
        try (InputStream in = download.handle(alice, file.id()).content()) {
            assertThat(in.readAllBytes()).isEqualTo(PNG);
        }
        List<OutboxEvent> events = store.eventOutbox.findByAggregate("file", file.id().value());
        assertThat(events).extracting(OutboxEvent::eventType).containsExactly("file.created");
        assertThat(events.get(0).payload()).containsEntry("itemId", item.value()).containsEntry("mimeType", "image/png")
                .containsEntry("filename", "photo.png");
        assertThat(events.get(0).traceParent()).isEqualTo(alice.traceParent());
    }

    @Test
    void a_refused_upload_writes_nothing() {
        ItemId bobsItem = item(bob);

        assertThatThrownBy(() -> upload.handle(alice, new UploadFile.Command("a.png", "image/png", text("not a png"), null)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("file.mime_mismatch"));
        assertThatThrownBy(() -> upload.handle(alice, new UploadFile.Command("a.png", null, stream(PNG), bobsItem)))
                .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.code()).isEqualTo("item.not_found"));

        assertThat(storage.keys()).isEmpty();
        assertThat(list.handle(alice)).isEmpty();
    }

    @Test
    void attach_and_detach_write_one_updated_event_each_and_naming_the_current_item_changes_nothing() {
        ItemId first = item(alice);
        ItemId second = item(alice);
        StoredFile file = upload.handle(alice, new UploadFile.Command("notes.txt", "text/plain", text("hello"), null));

        StoredFile attached = attach.handle(alice, new AttachFile.Command(file.id(), file.version(), Optional.of(Optional.of(first))));
        StoredFile again = attach.handle(alice, new AttachFile.Command(file.id(), null, Optional.of(Optional.of(first))));
        StoredFile moved = attach.handle(alice, new AttachFile.Command(file.id(), null, Optional.of(Optional.of(second))));
        StoredFile detached = attach.handle(alice, new AttachFile.Command(file.id(), moved.version(), Optional.of(Optional.empty())));
        StoredFile untouched = attach.handle(alice, new AttachFile.Command(file.id(), null, Optional.empty()));

        assertThat(attached.item()).isEqualTo(first);
        assertThat(again.version()).isEqualTo(attached.version());
        assertThat(moved.item()).isEqualTo(second);
        assertThat(detached.item()).isNull();
        assertThat(untouched).isEqualTo(detached);
        assertThat(store.eventOutbox.findByAggregate("file", file.id().value())).extracting(OutboxEvent::eventType)
                .containsExactly("file.created", "file.updated", "file.updated", "file.updated");
        assertThat(store.eventOutbox.findByAggregate("item", first.value())).as("the item itself did not change").isEmpty();
        assertThatThrownBy(() -> attach.handle(alice, new AttachFile.Command(file.id(), file.version(), Optional.of(Optional.of(first)))))
                .isInstanceOf(PreconditionFailed.class);
    }

    @Test
    void delete_removes_row_and_bytes_with_one_deleted_event() {
        StoredFile file = upload.handle(alice, new UploadFile.Command("a.png", null, stream(PNG), null));

        delete.handle(alice, new DeleteFile.Command(file.id(), file.version()));

        assertThat(store.fileRepository.findById(file.id())).isEmpty();
        assertThat(storage.keys()).isEmpty();
        assertThat(store.eventOutbox.findByAggregate("file", file.id().value())).extracting(OutboxEvent::eventType)
                .containsExactly("file.created", "file.deleted");
        assertThatThrownBy(() -> delete.handle(alice, new DeleteFile.Command(file.id(), null))).isInstanceOf(NotFound.class);
    }

    @Test
    void another_users_file_is_missing_on_every_use_case_and_so_is_another_users_item() {
        StoredFile file = upload.handle(alice, new UploadFile.Command("a.png", null, stream(PNG), null));
        ItemId bobsItem = item(bob);
        ItemId alicesItem = item(alice);
        FileId id = file.id();

        List<Executable> calls = List.of(
                () -> view.handle(bob, id),
                () -> download.handle(bob, id),
                () -> attach.handle(bob, new AttachFile.Command(id, null, Optional.of(Optional.of(alicesItem)))),
                () -> delete.handle(bob, new DeleteFile.Command(id, null)));
        assertAll(calls.stream().map(call -> () -> assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.code()).isEqualTo("file.not_found"))));
        assertThatThrownBy(() -> attach.handle(alice, new AttachFile.Command(id, null, Optional.of(Optional.of(bobsItem)))))
                .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.code()).isEqualTo("item.not_found"));
        assertThat(list.handle(bob)).isEmpty();
        assertThat(view.handle(alice, id)).isEqualTo(file);
    }

    private UserId user(String name) {
        User user = User.register(UserId.generate(), name, new EmailAddress(name + System.nanoTime() + "@example.com"), true,
                Instant.parse("2026-01-01T00:00:00Z"));
        store.userRepository.add(user);
        return user.id();
    }

    private ItemId item(RequestContext owner) {
        Item item = Item.create(ItemId.generate(), owner.user(), new ItemTitle("An item"), null, null, ItemStatus.DRAFT, null,
                List.of(), Instant.parse("2026-02-01T00:00:00Z"));
        store.itemRepository.add(item);
        return item.id();
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static InputStream text(String text) {
        return stream(text.getBytes(StandardCharsets.UTF_8));
    }
}
