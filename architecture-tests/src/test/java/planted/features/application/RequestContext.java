package planted.features.application;

/** The shared caller: every feature may use it. */
public record RequestContext(String user) {
}
