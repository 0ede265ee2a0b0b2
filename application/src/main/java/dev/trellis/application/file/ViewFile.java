package dev.trellis.application.file;

import dev.trellis.application.RequestContext;
import dev.trellis.domain.shared.FileId;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.file.StoredFile;
import org.springframework.transaction.annotation.Transactional;

/** The row of one of the caller's files; another user's file is as missing as one that does not exist. */
public class ViewFile {

    private final FileRepository files;

    public ViewFile(FileRepository files) {
        this.files = files;
    }

    @Transactional(readOnly = true)
    public StoredFile handle(RequestContext caller, FileId id) {
        return FileChanges.owned(files, caller, id);
    }
}
