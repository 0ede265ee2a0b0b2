package dev.trellis.application.file;

import dev.trellis.application.RequestContext;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.file.StoredFile;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** The caller's files, newest first. */
public class ListFiles {

    private final FileRepository files;

    public ListFiles(FileRepository files) {
        this.files = files;
    }

    @Transactional(readOnly = true)
    public List<StoredFile> handle(RequestContext caller) {
        return files.findByOwner(caller.user());
    }
}
