package planted.portimpl.adapter.web.auth.out;

import planted.portimpl.application.auth.TokenSigner;

/** Allowed: the driven side of the web adapter implements an application port. */
public class HmacTokenSigner implements TokenSigner {
    @Override
    public String sign(String claims) {
        return "signed " + claims;
    }
}
