package dev.trellis.bootstrap.command;

import dev.trellis.application.snapshot.RepublishCurrentState;
import dev.trellis.application.snapshot.SnapshotScope;
import dev.trellis.domain.shared.DomainException;
import dev.trellis.domain.shared.Ids;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.shared.UserId;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar trellis-app.jar snapshot [--user=<userId>]}: appends the current state of every
 * user, item, tag and file (or of one user's) to the outbox as {@code *.snapshot} events, prints one
 * summary line and exits; the running application's relay publishes them. No web server, no relay,
 * no demo data; the migrations run if needed. On the embedded database it attaches to the server of
 * the running application. Exit status: 0 done, 2 a malformed or unknown user (nothing written),
 * 1 a failure on the way (the pages done before it stay in the outbox; running it again is safe).
 */
public final class SnapshotCommand implements Command {

    public static final int FAILED = 1;
    public static final int BAD_USER = Commands.USAGE;

    private final Class<?> application;

    public SnapshotCommand(Class<?> application) {
        this.application = application;
    }

    @Override
    public String name() {
        return "snapshot";
    }

    @Override
    public String usage() {
        return "java -jar trellis-app.jar snapshot [--user=usr_…]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        SnapshotScope scope = SnapshotScope.everything();
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--user") || arg.startsWith("--user=")) {
                String id = arg.equals("--user") ? "" : arg.substring("--user=".length());
                try {
                    scope = SnapshotScope.of(new UserId(id));
                } catch (DomainException e) {
                    err.println("Snapshot: '" + id + "' is not a user id (--user=usr_…); nothing was written");
                    return BAD_USER;
                }
            } else {
                springArgs.add(arg);
            }
        }

        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        // No HTTP here, so a throwaway secret stands in when none is set. The relay belongs to the running
        // application, and a snapshot never seeds: those win over TRELLIS_RELAY_ENABLED and TRELLIS_DEMO_DATA.
        spring.setDefaultProperties(Map.of("BETTER_AUTH_SECRET", Ids.nanoid(48)));
        try (ConfigurableApplicationContext context = spring.run(Commands.withFixedSettings(springArgs,
                Map.of("trellis.relay.enabled", "false", "trellis.demo-data", "false")))) {
            RepublishCurrentState.Republished done;
            try {
                done = context.getBean(RepublishCurrentState.class).handle(scope);
            } catch (NotFound e) {
                err.println("Snapshot: no user " + scope.user() + "; nothing was written");
                return BAD_USER;
            } catch (RuntimeException e) {
                err.println("Snapshot failed: " + describe(e) + ". The pages done before the failure are in the outbox;"
                        + " running the snapshot again is safe.");
                return FAILED;
            }
            out.println(summary(scope, done));
            return 0;
        }
    }

    /** "Snapshot: 12 users, 40 items, 5 tags, 3 files → 60 events in the outbox; the relay publishes them". */
    static String summary(SnapshotScope scope, RepublishCurrentState.Republished done) {
        return "Snapshot" + (scope.isEverything() ? "" : " of " + scope.user()) + ": "
                + count(done.users(), "user") + ", " + count(done.items(), "item") + ", " + count(done.tags(), "tag") + ", "
                + count(done.files(), "file") + " → " + count(done.events(), "event")
                + " in the outbox; the relay publishes them";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage().lines().findFirst().orElse(""));
                break;
            }
        }
        return text.toString();
    }
}
