package planted.portimpl.bootstrap;

import planted.portimpl.application.auth.TokenSigner;

/** Violation: wiring implements a port instead of choosing an adapter. */
public class StubSigner implements TokenSigner {
    @Override
    public String sign(String claims) {
        return claims;
    }
}
