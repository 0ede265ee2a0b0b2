package dev.trellis.bootstrap.runtime.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void a_neon_url_becomes_jdbc_with_credentials_apart_and_libpq_names_translated() {
        DatabaseUrl url = DatabaseUrl.parse(
                "postgresql://alex:AbC123dEf@ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname?sslmode=require&channel_binding=require");

        assertThat(url.jdbcUrl()).isEqualTo(
                "jdbc:postgresql://ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname?sslmode=require&channelBinding=require");
        assertThat(url.username()).isEqualTo("alex");
        assertThat(url.password()).isEqualTo("AbC123dEf");
    }

    @Test
    void port_scheme_alias_missing_password_and_encoded_characters() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app%40corp@db.internal:6543/trellis");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/trellis");
        assertThat(url.username()).isEqualTo("app@corp");
        assertThat(url.password()).isNull();
    }

    @Test
    void an_encoded_password_is_decoded_and_plus_stays_plus() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p%40ss+w%3Ard@localhost:5432/db");

        assertThat(url.password()).isEqualTo("p@ss+w:rd");
    }

    @Test
    void describe_never_shows_the_password() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:secret@localhost:5432/db?sslmode=require");

        assertThat(url.describe()).isEqualTo("localhost:5432/db").doesNotContain("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "mysql://u:p@host/db", "postgresql://", "postgresql:///db", "postgresql://host",
            "postgresql://host/", "not a url at all", "postgresql://host/a/b", "jdbc:postgresql://host/db"})
    void malformed_urls_are_refused_with_a_clear_message(String raw) {
        assertThatThrownBy(() -> DatabaseUrl.parse(raw))
                .isInstanceOf(InvalidDatabaseUrl.class)
                .hasMessageStartingWith("DATABASE_URL");
    }
}
