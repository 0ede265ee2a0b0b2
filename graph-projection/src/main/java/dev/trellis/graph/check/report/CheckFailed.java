package dev.trellis.graph.check.report;

/** The check could not be made (a store unreachable, no consistent point in time): exit code 2, one clear message. */
public class CheckFailed extends RuntimeException {

    public CheckFailed(String message) {
        super(message);
    }

    public CheckFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
