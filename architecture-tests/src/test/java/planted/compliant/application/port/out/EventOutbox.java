package planted.compliant.application.port.out;

/** A port, declared in the application. */
public interface EventOutbox {
    void append(String event);
}
