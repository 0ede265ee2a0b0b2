package dev.trellis.bootstrap.command;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The first argument picks the command, which gets the rest and returns the exit status; the server is the default. */
class CommandsTest {

    final List<String> ran = new ArrayList<>();
    final Commands commands = new Commands(new Recording("serve", 0), List.of(new Recording("seed", 0), new Recording("relay", 1)));
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void the_first_argument_names_the_command_which_gets_the_others_and_returns_the_status() {
        assertThat(run("relay", "parked", "--id=obx_1")).isEqualTo(1);
        assertThat(run("seed")).isZero();
        assertThat(ran).containsExactly("relay parked --id=obx_1", "seed");
    }

    @Test
    void no_argument_an_option_or_serve_serves() {
        run();
        run("--server.port=0");
        run("serve", "--server.port=0");
        assertThat(ran).containsExactly("serve", "serve --server.port=0", "serve --server.port=0");
    }

    @Test
    void an_unknown_command_prints_the_usage_and_returns_2() {
        assertThat(run("sede")).isEqualTo(2);
        assertThat(ran).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                Unknown command 'sede'.
                usage: trellis serve
                       trellis seed
                       trellis relay
                """);
    }

    @Test
    void the_applications_commands_are_serve_seed_snapshot_relay_watch_and_files() {
        assertThat(Commands.of(Object.class).usage()).contains("[serve]", " seed", " snapshot [--user=", " relay parked",
                " watch [--from-beginning]", " files check|sweep|bench");
    }

    private int run(String... args) {
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        return commands.run(args, stream, stream);
    }

    private final class Recording implements Command {
        private final String name;
        private final int status;

        Recording(String name, int status) {
            this.name = name;
            this.status = status;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String usage() {
            return "trellis " + name;
        }

        @Override
        public int run(String[] args, PrintStream out, PrintStream err) {
            ran.add(String.join(" ", name, String.join(" ", args)).strip());
            return status;
        }
    }
}
