package dev.trellis.adapter.persistence;

import dev.trellis.adapter.persistence.file.FileKeysAdapter;
import dev.trellis.adapter.persistence.testing.PostgresTest;
import dev.trellis.adapter.persistence.testing.Tables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every committed delete of a file row queues its storage key (V10's trigger), whoever deletes: plain
 * SQL, the cascade from a deleted user; a rolled-back delete queues nothing; and the rows' keys come
 * back in byte order, page by page.
 */
@PostgresTest
class FileDeletionQueueTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    FileKeysAdapter keys;

    @BeforeEach
    void empty() {
        Tables.truncateAll(jdbc);
        keys = new FileKeysAdapter(jdbc);
        jdbc.sql("""
                insert into "user" (id, name, email, email_verified, created_at, updated_at)
                values ('usr_queue0000001', 'Q', 'q@example.com', false, now(), now()),
                       ('usr_queue0000002', 'R', 'r@example.com', false, now(), now())""").update();
        for (String[] file : new String[][]{{"fil_q1", "usr_queue0000001"}, {"fil_q2", "usr_queue0000001"}, {"fil_q3", "usr_queue0000002"}}) {
            jdbc.sql("""
                    insert into files (id, user_id, filename, storage_key, size, mime_type)
                    values (:id, :user, 'a.txt', :user || '/' || :id, 1, 'text/plain')""")
                    .param("id", file[0]).param("user", file[1]).update();
        }
    }

    @Test
    void deleting_a_user_by_plain_sql_queues_the_keys_of_its_cascaded_files() {
        jdbc.sql("delete from \"user\" where id = 'usr_queue0000001'").update();

        assertThat(keys.deleted(10)).containsExactlyInAnyOrder("usr_queue0000001/fil_q1", "usr_queue0000001/fil_q2");
        assertThat(keys.deletedCount()).isEqualTo(2);
    }

    @Test
    void a_rolled_back_delete_queues_nothing_and_a_forgotten_key_leaves_the_queue() {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from files where id = 'fil_q3'").update();
            status.setRollbackOnly();
        });
        assertThat(keys.deleted(10)).isEmpty();

        jdbc.sql("delete from files where id = 'fil_q3'").update();
        assertThat(keys.deleted(10)).containsExactly("usr_queue0000002/fil_q3");
        keys.forget(List.of("usr_queue0000002/fil_q3"));
        assertThat(keys.deletedCount()).isZero();
    }

    @Test
    void a_key_a_row_points_at_again_is_taken_off_the_queue_not_handed_out() {
        jdbc.sql("delete from files where id = 'fil_q3'").update();
        jdbc.sql("""
                insert into files (id, user_id, filename, storage_key, size, mime_type)
                values ('fil_q3', 'usr_queue0000002', 'a.txt', 'usr_queue0000002/fil_q3', 1, 'text/plain')""").update();

        assertThat(keys.deleted(10)).isEmpty();
        assertThat(keys.deletedCount()).isZero();
    }

    @Test
    void changing_a_rows_key_by_hand_queues_the_old_one() {
        jdbc.sql("update files set storage_key = 'usr_queue0000002/fil_moved' where id = 'fil_q3'").update();

        assertThat(keys.deleted(10)).containsExactly("usr_queue0000002/fil_q3");
    }

    @Test
    void the_rows_keys_come_in_byte_order_a_page_at_a_time() {
        jdbc.sql("""
                insert into files (id, user_id, filename, storage_key, size, mime_type)
                values ('fil_q4', 'usr_queue0000002', 'a.txt', 'usr_queue0000002-x/fil_q4', 1, 'text/plain'),
                       ('fil_q5', 'usr_queue0000002', 'a.txt', 'USR_upper/fil_q5', 1, 'text/plain')""").update();

        List<String> first = keys.after(null, 3);
        List<String> rest = keys.after(first.get(2), 3);

        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(rest);
        assertThat(all).containsExactly("USR_upper/fil_q5", "usr_queue0000001/fil_q1", "usr_queue0000001/fil_q2",
                "usr_queue0000002-x/fil_q4", "usr_queue0000002/fil_q3");
        assertThat(all).isSortedAccordingTo(String::compareTo);
        assertThat(keys.exists("usr_queue0000002/fil_q3")).isTrue();
        assertThat(keys.exists("usr_queue0000002/fil_nope")).isFalse();
    }
}
