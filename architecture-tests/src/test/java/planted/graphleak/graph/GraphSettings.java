package planted.graphleak.graph;

import planted.graphleak.bootstrap.TrellisSettings;

/** Violation: the projection reads the application's settings. */
public class GraphSettings {
    public String prefix(TrellisSettings settings) {
        return settings.topicPrefix();
    }
}
