package dev.trellis.bootstrap.command;

import java.io.PrintStream;

/**
 * One thing {@code java -jar trellis-app.jar <name> [args]} does. A command runs to its end and returns
 * the process's exit status (0 done, 1 a failure on the way, 2 arguments it cannot use); it never ends
 * the process itself: {@link Commands} picks it and the application's {@code main} exits.
 */
public interface Command {

    /** The first argument that picks this command. */
    String name();

    /** One line: the command with the arguments it takes. */
    String usage();

    /** @param args the arguments after the command's name */
    int run(String[] args, PrintStream out, PrintStream err);
}
