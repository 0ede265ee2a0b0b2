package planted.cycles.bootstrap.command;

import planted.cycles.bootstrap.App;

/** Violation: closes the cycle bootstrap -> bootstrap.command -> bootstrap. */
public final class SnapshotCommand {
    private SnapshotCommand() {
    }

    public static String run(String[] args) {
        return App.class.getName() + " " + args.length;
    }
}
