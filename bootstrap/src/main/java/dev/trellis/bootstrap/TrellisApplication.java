package dev.trellis.bootstrap;

import dev.trellis.bootstrap.command.Commands;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Trellis. {@code java -jar trellis-app.jar} serves HTTP on 8080; {@code seed}, {@code snapshot},
 * {@code relay}, {@code watch} and {@code files} are commands run beside it ({@link Commands}). The configuration is
 * the features' wiring ({@code bootstrap.wiring.*}), the embedded servers ({@code bootstrap.runtime.*})
 * and the web adapter's controllers. Scheduling is switched on here, for the whole application (the
 * purge of expired auth rows, and the files' deletion drain and sweep).
 */
@SpringBootApplication(scanBasePackages = {"dev.trellis.bootstrap", "dev.trellis.adapter.web"},
        exclude = UserDetailsServiceAutoConfiguration.class) // users are Better Auth's, not Spring Security's
@EnableScheduling
public class TrellisApplication {

    /**
     * Runs the command the arguments name. Every command ends the same way: status 0 returns (a command
     * is done; the server's threads keep serving), any other status exits the process with it.
     */
    public static void main(String[] args) {
        int status = Commands.of(TrellisApplication.class).run(args);
        if (status != 0) {
            System.exit(status);
        }
    }
}
