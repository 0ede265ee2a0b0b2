package dev.trellis.adapter.web.file;

import dev.trellis.adapter.web.common.Callers;
import dev.trellis.adapter.web.common.JsonPatch;
import dev.trellis.adapter.web.common.Versions;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.RequestContext;
import dev.trellis.application.file.AttachFile;
import dev.trellis.application.file.DeleteFile;
import dev.trellis.application.file.DownloadFile;
import dev.trellis.application.file.DownloadFile.Download;
import dev.trellis.application.file.FileStorage;
import dev.trellis.application.file.ListFiles;
import dev.trellis.application.file.UploadFile;
import dev.trellis.application.file.ViewFile;
import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.MimeType;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.shared.ItemId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The signed-in user's files: upload (multipart, field {@code file}, optional {@code itemId}), list,
 * read, download, attach to or detach from an item, delete. Another user's file is 404, exactly as a
 * missing one. The size limit is multipart's ({@code spring.servlet.multipart.*}): beyond it, 413.
 */
@RestController
@RequestMapping("/api/files")
public class FileController {

    private static final Set<String> PATCH_FIELDS = Set.of("itemId");

    /**
     * Served bytes are never run as a page of this origin: no scripts, plugins, forms or same-origin
     * access. PDF goes without it: browsers' PDF viewers refuse to work in a sandbox.
     */
    static final String SANDBOX = "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'";

    private final UploadFile uploadFile;
    private final ListFiles listFiles;
    private final ViewFile viewFile;
    private final DownloadFile downloadFile;
    private final AttachFile attachFile;
    private final DeleteFile deleteFile;

    public FileController(UploadFile uploadFile, ListFiles listFiles, ViewFile viewFile, DownloadFile downloadFile,
                          AttachFile attachFile, DeleteFile deleteFile) {
        this.uploadFile = uploadFile;
        this.listFiles = listFiles;
        this.viewFile = viewFile;
        this.downloadFile = downloadFile;
        this.attachFile = attachFile;
        this.deleteFile = deleteFile;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<FileJson> upload(@AuthenticationPrincipal SignedIn caller,
                                    @RequestPart("file") MultipartFile file,
                                    @RequestParam(name = "itemId", required = false) String itemId) throws IOException {
        RequestContext context = Callers.of(caller);
        StoredFile stored;
        try (InputStream content = file.getInputStream()) {
            stored = uploadFile.handle(context, new UploadFile.Command(file.getOriginalFilename(), file.getContentType(), content,
                    itemId == null || itemId.isBlank() ? null : new ItemId(itemId.strip())));
        }
        return ResponseEntity.created(URI.create("/api/files/" + stored.id().value()))
                .eTag(Versions.etag(stored.version())).body(FileJson.of(stored));
    }

    /** The caller's files, newest first. */
    @GetMapping
    FileJson.Page list(@AuthenticationPrincipal SignedIn caller) {
        return FileJson.Page.of(listFiles.handle(Callers.of(caller)));
    }

    @GetMapping("/{id}")
    ResponseEntity<FileJson> view(@AuthenticationPrincipal SignedIn caller, @PathVariable String id) {
        StoredFile file = viewFile.handle(Callers.of(caller), new FileId(id));
        return Versions.ok(FileJson.of(file), file.version());
    }

    /**
     * The bytes, streamed, with the stored (checked) type — never the one the client declared — and
     * {@code nosniff}, so a browser does not guess another. Where the storage hands out links
     * ({@code trellis.files.s3.link-lifetime}), a 302 to a short-lived presigned URL instead, which
     * serves the bytes with the same type and disposition from the storage's own origin.
     */
    @GetMapping("/{id}/content")
    void content(@AuthenticationPrincipal SignedIn caller, HttpServletRequest request, HttpServletResponse response,
                 @PathVariable String id) throws IOException {
        DownloadFile.LinkOrBytes found = downloadFile.linkOrBytes(Callers.of(caller), new FileId(id),
                file -> new FileStorage.ServedAs(contentType(file.mimeType()), ContentDispositions.of(file.mimeType(), file.filename())));
        if (found.link().isPresent()) {
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader(HttpHeaders.LOCATION, found.link().get().toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");   // the link expires; ask again
            return;
        }
        Download download = found.bytes();
        try (InputStream content = download.content()) {
            StoredFile file = download.file();
            String etag = Versions.etag(file.version());
            if (new ServletWebRequest(request, response).checkNotModified(etag)) {
                return;
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(contentType(file.mimeType()));
            response.setContentLengthLong(download.size());
            response.setHeader(HttpHeaders.ETAG, etag);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDispositions.of(file.mimeType(), file.filename()));
            response.setHeader("X-Content-Type-Options", "nosniff");
            if (!file.mimeType().value().equals("application/pdf")) {
                response.setHeader("Content-Security-Policy", SANDBOX);
            }
            content.transferTo(response.getOutputStream());
        }
    }

    /** {@code {"itemId": "itm_..."}} attaches the file to one of the caller's items, {@code {"itemId": null}} detaches it. */
    @PatchMapping("/{id}")
    ResponseEntity<FileJson> attach(@AuthenticationPrincipal SignedIn caller, @PathVariable String id,
                                    @RequestBody JsonNode body,
                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        JsonPatch fields = new JsonPatch(body, PATCH_FIELDS);
        Optional<Optional<ItemId>> item = fields.nullableText("itemId").map(value -> value.map(ItemId::new));
        StoredFile file = attachFile.handle(Callers.of(caller),
                new AttachFile.Command(new FileId(id), Versions.ifMatch(ifMatch), item));
        return Versions.ok(FileJson.of(file), file.version());
    }

    /** The row now, the bytes once the row's delete has committed. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal SignedIn caller, @PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        deleteFile.handle(Callers.of(caller), new DeleteFile.Command(new FileId(id), Versions.ifMatch(ifMatch)));
        return ResponseEntity.noContent().build();
    }

    /** Text was checked to be UTF-8 when it was stored; say so. */
    private static String contentType(MimeType type) {
        return type.value().startsWith("text/") ? type.value() + ";charset=UTF-8" : type.value();
    }
}
