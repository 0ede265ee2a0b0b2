package planted.compliant.application.event;

/** A port, declared in the application. */
public interface EventOutbox {
    void append(String event);
}
