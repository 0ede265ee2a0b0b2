package dev.trellis.graph.neo4j;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Neo4j 5.26 LTS in this process, its store under {@code <data-dir>/neo4j}, Bolt on loopback only and
 * without authentication (nothing outside this machine reaches it), so that cypher-shell, Neo4j
 * Browser or any Bolt driver can look at the graph while the projection writes it. The projection
 * itself talks Bolt to it like to any server: one code path for embedded and remote.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    public static final int DEFAULT_BOLT_PORT = 7687;

    private final DatabaseManagementService service;
    private final int boltPort;

    private EmbeddedNeo4j(DatabaseManagementService service, int boltPort) {
        this.service = service;
        this.boltPort = boltPort;
    }

    /**
     * Starts Neo4j on {@code storeDir}. {@code boltPort} 0 picks a free port.
     *
     * @throws BoltPortInUse when the port is taken, naming the setting that moves it
     */
    public static EmbeddedNeo4j start(Path storeDir, int boltPort) {
        int port = boltPort == 0 ? freePort() : boltPort;
        if (!isFree(port)) {
            throw new BoltPortInUse(port);
        }
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(storeDir.toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5))
                .build();
        return new EmbeddedNeo4j(service, port);
    }

    public int boltPort() {
        return boltPort;
    }

    public String boltUri() {
        return "bolt://127.0.0.1:" + boltPort;
    }

    @Override
    public void close() {
        service.shutdown();
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on loopback", e);
        }
    }

    /** The embedded Neo4j's Bolt port is taken (another Neo4j, or a second projection on this machine). */
    public static final class BoltPortInUse extends RuntimeException {
        public BoltPortInUse(int port) {
            super("Bolt port " + port + " is in use (another Neo4j or projection?); set NEO4J_BOLT_PORT to another port "
                    + "(0 picks a free one), or NEO4J_URI to write to a Neo4j server instead of the embedded one");
        }
    }
}
