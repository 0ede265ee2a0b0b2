package dev.trellis.adapter.persistence.file;

import org.springframework.jdbc.core.simple.JdbcClient;

/** How many files the files table references and their bytes in all: one aggregate query, for the metrics. */
public class FilesStored {

    /** The totals at one moment. */
    public record Totals(long count, long bytes) {
    }

    private final JdbcClient jdbc;

    public FilesStored(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Totals totals() {
        return jdbc.sql("select count(*), coalesce(sum(size), 0) from files")
                .query((rs, row) -> new Totals(rs.getLong(1), rs.getLong(2))).single();
    }
}
