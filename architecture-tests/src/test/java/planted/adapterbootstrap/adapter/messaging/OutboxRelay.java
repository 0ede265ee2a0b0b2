package planted.adapterbootstrap.adapter.messaging;

import planted.adapterbootstrap.bootstrap.TrellisSettings;

/** Violation: an adapter reading bootstrap's settings type. */
public class OutboxRelay {
    private final TrellisSettings settings;

    public OutboxRelay(TrellisSettings settings) {
        this.settings = settings;
    }
}
