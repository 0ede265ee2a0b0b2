package dev.trellis.adapter.messaging.relay.postgres;

import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Debezium's offsets in the application database ({@code relay_offset}), so that they move with
 * the leadership to whichever instance relays next. Debezium writes them after each batch the
 * relay acknowledged, i.e. after Kafka acknowledged its events.
 * <p>
 * Debezium creates its offset store by class name with no arguments: the data source is
 * registered here under the relay's name beforehand and named in the engine's configuration.
 */
public class PostgresOffsetStore extends MemoryOffsetBackingStore {

    public static final String RELAY_PROPERTY = "offset.storage.trellis.relay";
    private static final Map<String, DataSource> DATA_SOURCES = new ConcurrentHashMap<>();

    private String relay;
    private JdbcClient jdbc;

    public static void register(String relay, DataSource dataSource) {
        DATA_SOURCES.put(relay, dataSource);
    }

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        relay = config.originalsStrings().get(RELAY_PROPERTY);
        DataSource dataSource = relay == null ? null : DATA_SOURCES.get(relay);
        if (dataSource == null) {
            throw new IllegalStateException("no data source registered for the relay '" + relay + "'");
        }
        jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public synchronized void start() {
        super.start();
        jdbc.sql("select key, value from relay_offset where relay = ?")
                .param(relay)
                .query((rs, n) -> data.put(ByteBuffer.wrap(rs.getBytes("key")),
                        rs.getBytes("value") == null ? null : ByteBuffer.wrap(rs.getBytes("value"))))
                .list();
    }

    @Override
    protected void save() {
        // called by MemoryOffsetBackingStore on its single thread after each set(); a failure fails
        // the set, so Debezium does not count these offsets as stored
        for (Map.Entry<ByteBuffer, ByteBuffer> entry : new java.util.HashMap<>(data).entrySet()) {
            jdbc.sql("""
                            insert into relay_offset (relay, key, value, updated_at) values (?, ?, ?, now())
                            on conflict (relay, key) do update set value = excluded.value, updated_at = now()""")
                    .params(relay, bytes(entry.getKey()), entry.getValue() == null ? null : bytes(entry.getValue()))
                    .update();
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of(); // only Kafka Connect's REST API asks; the embedded engine does not
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
