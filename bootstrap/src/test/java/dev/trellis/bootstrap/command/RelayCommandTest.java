package dev.trellis.bootstrap.command;

import dev.trellis.bootstrap.relay.RelayEndToEndTest;
import dev.trellis.bootstrap.wiring.relay.RelayStartupFailureAnalyzer;
import dev.trellis.adapter.persistence.testing.TestPostgres;
import dev.trellis.bootstrap.TrellisApplication;
import dev.trellis.bootstrap.kafka.TestKafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The relay's commands beside a running application, and its refusal of a database without logical decoding. */
class RelayCommandTest {

    static final String DATABASE = "relay_commands";
    static DataSource database;
    static JdbcClient jdbc;

    @BeforeAll
    static void migratedDatabase() {
        database = TestPostgres.freshDatabase(DATABASE);
        org.flywaydb.core.Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(database);
    }

    @Test
    void lists_and_replays_parked_events_with_their_original_id_and_headers() {
        jdbc.sql("""
                insert into outbox_parked (id, position, aggregate_type, aggregate_id, event_type, payload, trace_parent, created_at, reason)
                values ('obx_parked000001', 7, 'item', 'itm_parked000001', 'item.updated',
                        '{"id": "itm_parked000001", "version": 3, "schemaVersion": 1}', null, now(), 'RecordTooLargeException: too large')""").update();

        Output listed = run("parked");
        assertThat(listed.exitCode).isZero();
        assertThat(listed.text).contains("obx_parked000001  item.updated on itm_parked000001").contains("RecordTooLargeException")
                .contains("1 parked event(s)");

        Output unknown = run("replay-parked", "--id=obx_nosuchevent1");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.text).contains("No parked event obx_nosuchevent1");

        Output replayed = run("replay-parked", "--id=obx_parked000001");
        assertThat(replayed.text).contains("Replayed 1 of 1 parked event(s); 0 refused again");
        assertThat(replayed.exitCode).isZero();
        assertThat(jdbc.sql("select count(*) from outbox_parked").query(Long.class).single()).isZero();

        try (var consumer = RelayEndToEndTest.consumer("cmd.item")) {
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            ConsumerRecord<String, String> record = RelayEndToEndTest.awaitRecord(consumer, received, r -> r.key().equals("itm_parked000001"));
            assertThat(RelayEndToEndTest.header(record, "ce_id")).isEqualTo("obx_parked000001");
            assertThat(RelayEndToEndTest.header(record, "ce_type")).isEqualTo("dev.trellis.item.updated");
            assertThat(record.value()).contains("\"version\": 3");
        }
    }

    @Test
    void an_unknown_subcommand_prints_the_usage() {
        Output output = run("nonsense");
        assertThat(output.exitCode).isEqualTo(2);
        assertThat(output.text).contains(RelayCommand.USAGE);
    }

    @Test
    void a_database_without_logical_decoding_stops_start_up_in_one_line_naming_the_setting() throws Exception {
        try (EmbeddedPostgres replica = EmbeddedPostgres.builder().setServerConfig("wal_level", "replica").start()) {
            Throwable failure = catchThrowable(() -> SpringApplication.run(TrellisApplication.class,
                    "--spring.datasource.url=" + replica.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres", "--server.port=0",
                    "--BETTER_AUTH_SECRET=test-secret-0123456789abcdef0123456789abcdef",
                    "--trellis.relay.enabled=true", "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers()));

            FailureAnalysis analysis = new RelayStartupFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("wal_level=replica").contains("wal_level=logical")
                    .contains("TRELLIS_RELAY_ENABLED=false").doesNotContain("\n");
        }
    }

    private static Output run(String... command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] args = new String[command.length + 5];
        System.arraycopy(command, 0, args, 0, command.length);
        args[command.length] = "--spring.datasource.url=" + TestPostgres.server().getJdbcUrl("postgres", DATABASE);
        args[command.length + 1] = "--spring.datasource.username=postgres";
        args[command.length + 2] = "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers();
        args[command.length + 3] = "--trellis.relay.topic-prefix=cmd";
        args[command.length + 4] = "--logging.level.root=WARN";
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exitCode = new RelayCommand(TrellisApplication.class).run(args, out, out);
        return new Output(exitCode, bytes.toString(StandardCharsets.UTF_8));
    }

    record Output(int exitCode, String text) {
    }
}
