package dev.trellis.bootstrap.command;

import dev.trellis.application.file.SweepFiles;
import dev.trellis.bootstrap.wiring.file.FileStorageBackend;
import dev.trellis.domain.shared.Ids;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar trellis-app.jar files check|sweep|bench}: the files' bookkeeping against the configured
 * database and storage (the same settings as the application's). {@code check} reports bytes without a
 * row and rows without bytes and changes nothing (exit status 1 when it finds either); {@code sweep}
 * removes deleted rows' bytes, unfinished uploads and bytes without a row older than the grace age, then
 * reports as {@code check} does; {@code bench [--size=8MB] [--count=16]} times uploads and downloads
 * against the storage (under throwaway keys it deletes again). No web server, no relay, no demo data.
 */
public final class FilesCommand implements Command {

    public static final int FOUND = 1;

    private final Class<?> application;

    public FilesCommand(Class<?> application) {
        this.application = application;
    }

    @Override
    public String name() {
        return "files";
    }

    @Override
    public String usage() {
        return "java -jar trellis-app.jar files check|sweep|bench [--size=8MB] [--count=16]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !List.of("check", "sweep", "bench").contains(args[0])) {
            err.println("usage: " + usage());
            return Commands.USAGE;
        }
        String action = args[0];
        DataSize size = DataSize.ofMegabytes(8);
        int count = 16;
        List<String> springArgs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            try {
                if (arg.startsWith("--size=")) {
                    size = DataSize.parse(arg.substring("--size=".length()));
                } else if (arg.startsWith("--count=")) {
                    count = Integer.parseInt(arg.substring("--count=".length()));
                } else {
                    springArgs.add(arg);
                }
            } catch (IllegalArgumentException e) {
                err.println("Files: cannot use '" + arg + "' (" + e.getMessage() + ")");
                return Commands.USAGE;
            }
        }
        if (size.toBytes() < 0 || size.toBytes() > Integer.MAX_VALUE || count < 1) {
            err.println("Files: the bench needs --size between 0 and 2GB and --count of at least 1");
            return Commands.USAGE;
        }
        // The relay and the schedules belong to the running application: arguments, so they win over
        // application.yml and the environment. No HTTP here, so a throwaway secret stands in when none is set.

        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        spring.setDefaultProperties(Map.of("BETTER_AUTH_SECRET", Ids.nanoid(48)));
        try (ConfigurableApplicationContext context = spring.run(Commands.withFixedSettings(springArgs,
                Map.of("trellis.demo-data", "false", "trellis.relay.enabled", "false", "trellis.files.sweep.enabled", "false")))) {
            return switch (action) {
                case "check" -> report(context.getBean(SweepFiles.class).check(), out);
                case "sweep" -> {
                    SweepFiles.Swept swept = context.getBean(SweepFiles.class).sweep();
                    out.println("Files swept: removed the bytes of " + swept.deletionsDrained() + " deleted files, "
                            + swept.unfinishedRemoved() + " unfinished uploads, " + swept.objectsWithoutRowRemoved()
                            + " bytes without a row");
                    yield report(swept.after(), out);
                }
                default -> {
                    FileStorageBackend backend = context.getBean(FileStorageBackend.class);
                    StorageBenchmark.Result result = StorageBenchmark.run(backend.storage(), (int) size.toBytes(), count);
                    out.println("Files bench on " + backend.name() + ": " + result);
                    yield 0;
                }
            };
        } catch (RuntimeException e) {
            err.println("Files " + action + " failed: " + e.getMessage());
            return FOUND;
        }
    }

    /** Prints the report; 1 when bytes without a row or rows without bytes were found. */
    static int report(SweepFiles.Report report, PrintStream out) {
        out.println(summary(report));
        if (!report.objectsWithoutRowExamples().isEmpty()) {
            out.println("  bytes without a row, e.g. " + String.join(", ", report.objectsWithoutRowExamples()));
        }
        if (!report.rowsWithoutObjectExamples().isEmpty()) {
            out.println("  rows without bytes, e.g. " + String.join(", ", report.rowsWithoutObjectExamples()));
        }
        return report.objectsWithoutRow() + report.rowsWithoutObject() == 0 ? 0 : FOUND;
    }

    /** "Files: 12 rows, 12 stored; 0 bytes without a row (1 younger than the grace age), 0 rows without bytes, 0 deletions queued". */
    static String summary(SweepFiles.Report report) {
        return "Files: " + report.rows() + " rows, " + report.objects() + " stored; " + report.objectsWithoutRow()
                + " bytes without a row" + (report.youngObjectsWithoutRow() == 0 ? ""
                : " (" + report.youngObjectsWithoutRow() + " more younger than the grace age, maybe uploads in flight)")
                + ", " + report.rowsWithoutObject() + " rows without bytes, " + report.queuedDeletions() + " deletions queued";
    }
}
