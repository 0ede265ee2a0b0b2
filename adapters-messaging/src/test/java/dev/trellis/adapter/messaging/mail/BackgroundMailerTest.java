package dev.trellis.adapter.messaging.mail;

import dev.trellis.application.auth.mail.MailMessage;
import dev.trellis.application.auth.mail.Mailer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BackgroundMailerTest {

    final List<String> delivered = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    final Mailer recording = message -> {
        threads.add(Thread.currentThread().getName());
        if (message.subject().equals("boom")) {
            throw new IllegalStateException("SMTP is down");
        }
        delivered.add(message.to());
    };

    @AfterEach
    void clearSynchronization() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void without_a_transaction_it_delivers_on_the_mail_thread_in_order_and_survives_failures() throws Exception {
        BackgroundMailer mailer = new BackgroundMailer(recording);

        mailer.send(new MailMessage("a@example.com", "one", "text"));
        mailer.send(new MailMessage("b@example.com", "boom", "text"));
        mailer.send(new MailMessage("c@example.com", "three", "text"));
        mailer.close();

        assertThat(delivered).containsExactly("a@example.com", "c@example.com");
        assertThat(threads).containsOnly("trellis-mail");
    }

    @Test
    void inside_a_transaction_it_delivers_only_after_commit() throws Exception {
        BackgroundMailer mailer = new BackgroundMailer(recording);

        TransactionSynchronizationManager.initSynchronization();
        mailer.send(new MailMessage("committed@example.com", "one", "text"));
        assertThat(delivered).isEmpty();
        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        synchronizations.forEach(TransactionSynchronization::afterCommit);
        synchronizations.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
        TransactionSynchronizationManager.clearSynchronization();

        TransactionSynchronizationManager.initSynchronization();
        mailer.send(new MailMessage("rolled-back@example.com", "two", "text"));
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
        TransactionSynchronizationManager.clearSynchronization();

        mailer.close();
        assertThat(delivered).containsExactly("committed@example.com");
    }

    @Test
    void the_request_does_not_wait_for_a_slow_server() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BackgroundMailer mailer = new BackgroundMailer(message -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(message.to());
        });

        long start = System.nanoTime();
        mailer.send(new MailMessage("slow@example.com", "one", "text"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);

        release.countDown();
        mailer.close();
        assertThat(delivered).containsExactly("slow@example.com");
    }
}
