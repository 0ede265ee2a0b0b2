package dev.trellis.bootstrap.command;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The application's commands, picked by the first argument: none, an option ({@code --server.port=…})
 * or {@code serve} serves HTTP; {@code seed}, {@code snapshot}, {@code relay}, {@code watch} and {@code files} run beside
 * it and end. An unknown name prints the usage (status 2). Each command returns its exit status; only the
 * application's {@code main} exits.
 */
public final class Commands {

    /** The exit status for arguments a command cannot use. */
    public static final int USAGE = 2;

    private final Command serve;
    private final Map<String, Command> byName = new LinkedHashMap<>();

    Commands(Command serve, List<Command> commands) {
        this.serve = serve;
        byName.put(serve.name(), serve);
        commands.forEach(command -> byName.put(command.name(), command));
    }

    /** Every command of the application whose Spring configuration starts at {@code application}. */
    public static Commands of(Class<?> application) {
        return new Commands(new ServeCommand(application), List.of(new SeedCommand(application),
                new SnapshotCommand(application), new RelayCommand(application), new WatchCommand(), new FilesCommand(application)));
    }

    /** Runs the command the arguments name, with its output on the console in UTF-8; returns its exit status. */
    public int run(String[] args) {
        return run(args, console(FileDescriptor.out), console(FileDescriptor.err));
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return serve.run(args, out, err);
        }
        Command command = byName.get(args[0]);
        if (command == null) {
            err.println("Unknown command '" + args[0] + "'.");
            err.println(usage());
            return USAGE;
        }
        return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    /**
     * {@code args} with {@code fixed} settings after them as {@code --name=value} arguments: a command's own
     * settings (no relay beside the running one, no demo data in a snapshot) must win over application.yml,
     * the environment and system properties, which default properties would not.
     */
    static String[] withFixedSettings(List<String> args, Map<String, String> fixed) {
        return Stream.concat(args.stream(),
                fixed.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue())).toArray(String[]::new);
    }

    /** One line per command. */
    public String usage() {
        return byName.values().stream().map(Command::usage).collect(Collectors.joining("\n       ", "usage: ", ""));
    }

    private static PrintStream console(FileDescriptor descriptor) {
        return new PrintStream(new FileOutputStream(descriptor), true, StandardCharsets.UTF_8);
    }
}
