package dev.trellis.bootstrap.command;

import org.springframework.boot.SpringApplication;

import java.io.PrintStream;

/**
 * {@code java -jar trellis-app.jar [serve] [--name=value …]}: starts the application and returns once it serves;
 * the web server's threads keep the process until it is stopped. A start-up failure is thrown, after
 * Spring Boot has described it.
 */
final class ServeCommand implements Command {

    private final Class<?> application;

    ServeCommand(Class<?> application) {
        this.application = application;
    }

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String usage() {
        return "java -jar trellis-app.jar [serve] [--name=value …]   (serves HTTP)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        SpringApplication.run(application, args);
        return 0;
    }
}
