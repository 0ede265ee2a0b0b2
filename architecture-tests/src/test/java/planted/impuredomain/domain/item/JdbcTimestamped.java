package planted.impuredomain.domain.item;

import java.sql.Timestamp;

/** Violation: JDBC in the domain, although java.sql is part of the JDK. */
public record JdbcTimestamped(Timestamp createdAt) {
}
