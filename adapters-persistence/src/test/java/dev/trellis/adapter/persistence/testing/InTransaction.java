package dev.trellis.adapter.persistence.testing;

import dev.trellis.application.snapshot.CurrentState;
import dev.trellis.application.snapshot.SnapshotScope;
import dev.trellis.domain.file.StoredFile;
import dev.trellis.domain.item.ItemWithFiles;
import dev.trellis.domain.tag.Tag;
import dev.trellis.domain.user.UserDetails;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The snapshot reads run in the transaction of the page they belong to, which a use case opens; for
 * the port's contract tests each read gets one of its own (joining the test's, when it has one).
 */
public final class InTransaction implements CurrentState {

    private final CurrentState target;
    private final TransactionOperations transaction;

    public InTransaction(CurrentState target, TransactionOperations transaction) {
        this.target = target;
        this.transaction = transaction;
    }

    @Override
    public Page<UserDetails> users(SnapshotScope scope, String after, int limit) {
        return transaction.execute(status -> target.users(scope, after, limit));
    }

    @Override
    public Page<ItemWithFiles> items(SnapshotScope scope, String after, int limit) {
        return transaction.execute(status -> target.items(scope, after, limit));
    }

    @Override
    public Page<Tag> tags(SnapshotScope scope, String after, int limit) {
        return transaction.execute(status -> target.tags(scope, after, limit));
    }

    @Override
    public Page<StoredFile> files(SnapshotScope scope, String after, int limit) {
        return transaction.execute(status -> target.files(scope, after, limit));
    }
}
