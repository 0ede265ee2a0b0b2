package planted.cycles.bootstrap;

import planted.cycles.bootstrap.command.SnapshotCommand;

/** Violation: the application runs a command that names the application back. */
public class App {
    public static void main(String[] args) {
        SnapshotCommand.run(args);
    }
}
