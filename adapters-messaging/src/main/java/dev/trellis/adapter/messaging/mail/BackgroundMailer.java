package dev.trellis.adapter.messaging.mail;

import dev.trellis.application.auth.mail.MailMessage;
import dev.trellis.application.auth.mail.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Delivers through another {@link Mailer} once the caller's transaction has committed (at once when
 * there is none; never when it rolls back), on one background thread in order. So the answer to a
 * request never waits for the mail server — answering an unknown address no faster than a known
 * one, as Better Auth advises ("don't await the email sending") — and no email carries a link whose
 * row was rolled back. A failed delivery is logged, not retried.
 */
public final class BackgroundMailer implements Mailer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundMailer.class);
    static final int QUEUE_CAPACITY = 10_000;

    private final Mailer delivery;
    private final ThreadPoolExecutor executor;

    public BackgroundMailer(Mailer delivery) {
        this.delivery = delivery;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                runnable -> {
                    Thread thread = new Thread(runnable, "trellis-mail");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void send(MailMessage message) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    enqueue(message);
                }
            });
        } else {
            enqueue(message);
        }
    }

    private void enqueue(MailMessage message) {
        try {
            executor.execute(() -> deliver(message));
        } catch (RejectedExecutionException e) {
            log.error("Mail to {} (\"{}\") dropped: the mail queue is full or closed", message.to(), message.subject());
        }
    }

    private void deliver(MailMessage message) {
        try {
            delivery.send(message);
        } catch (RuntimeException e) {
            log.error("Mail to {} (\"{}\") could not be sent: {}", message.to(), message.subject(), e.toString());
        }
    }

    /** Sends what is queued (for up to 10 seconds), then stops. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("{} queued mails not sent at shutdown", executor.getQueue().size());
            executor.shutdownNow();
        }
    }
}
