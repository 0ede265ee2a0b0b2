package planted.impuredomain.domain.item;

import java.util.Objects;

/** Not a violation: plain Java only. */
public record PureTitle(String value) {
    public PureTitle {
        Objects.requireNonNull(value);
    }
}
