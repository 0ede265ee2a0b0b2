package planted.portimpl.application.auth;

/** A port of the application. */
public interface TokenSigner {
    String sign(String claims);
}
