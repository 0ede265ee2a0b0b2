package dev.trellis.adapter.persistence.storage;

import dev.trellis.application.testing.InMemoryFileStorage;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bytes follow the transaction: puts undone on rollback, deletes only after commit. */
class TransactionBoundFileStorageTest {

    final InMemoryFileStorage bytes = new InMemoryFileStorage();
    final TransactionBoundFileStorage storage = new TransactionBoundFileStorage(bytes);
    final TransactionTemplate transaction = new TransactionTemplate(new NoResourceTransactionManager());

    @Test
    void bytes_put_in_a_transaction_that_commits_stay() {
        transaction.executeWithoutResult(status -> storage.put("usr_a/fil_a", new ByteArrayInputStream(new byte[]{1})));

        assertThat(bytes.keys()).containsExactly("usr_a/fil_a");
    }

    @Test
    void bytes_put_in_a_transaction_that_rolls_back_are_deleted() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            storage.put("usr_a/fil_a", new ByteArrayInputStream(new byte[]{1}));
            assertThat(bytes.keys()).as("written before the row").containsExactly("usr_a/fil_a");
            throw new IllegalStateException("the insert failed");
        })).hasMessage("the insert failed");

        assertThat(bytes.keys()).isEmpty();
    }

    @Test
    void a_delete_waits_for_the_commit_and_a_rolled_back_delete_keeps_the_bytes() {
        storage.put("usr_a/fil_a", new ByteArrayInputStream(new byte[]{1}));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            storage.delete("usr_a/fil_a");
            throw new IllegalStateException("the row's delete failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(bytes.keys()).containsExactly("usr_a/fil_a");

        transaction.executeWithoutResult(status -> {
            storage.delete("usr_a/fil_a");
            assertThat(bytes.keys()).as("not before the commit").containsExactly("usr_a/fil_a");
        });
        assertThat(bytes.keys()).isEmpty();
    }

    @Test
    void outside_a_transaction_calls_go_straight_through() {
        storage.put("usr_a/fil_a", new ByteArrayInputStream(new byte[]{1}));
        assertThat(bytes.keys()).containsExactly("usr_a/fil_a");
        storage.delete("usr_a/fil_a");
        assertThat(bytes.keys()).isEmpty();
    }

    /** Spring's transaction life cycle (and its synchronizations) without a resource behind it. */
    static final class NoResourceTransactionManager extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
