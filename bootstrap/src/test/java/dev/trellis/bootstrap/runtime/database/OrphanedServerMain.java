package dev.trellis.bootstrap.runtime.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link EmbeddedDatabaseServerTest}: starts the embedded server on a folder
 * (owning it), commits a row, says READY and waits to be killed with {@code kill -9}, leaving its
 * postmaster behind.
 */
public final class OrphanedServerMain {

    public static void main(String[] args) throws Exception {
        EmbeddedDatabaseServer server = EmbeddedDatabaseServer.start(Path.of(args[0]), Integer.parseInt(args[1]));
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), EmbeddedDatabaseServer.USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("create table kept (v text)");
            statement.execute("insert into kept values ('committed')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
