package planted.features.application.event;

/** The shared outbox port: every feature may use it. */
public interface EventOutbox {
    void append(String event);
}
