package dev.trellis.application.auth.magiclink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The magic link's row value, as better-auth 1.7.25 writes ({@code JSON.stringify}) and strictly reads it. */
class MagicLinkRecordTest {

    @Test
    void written_as_json_stringify_writes_it() {
        assertThat(new MagicLinkRecord("m@example.com", "Em").toJson())
                .isEqualTo("{\"type\":\"magic-link\",\"email\":\"m@example.com\",\"name\":\"Em\"}");
        assertThat(new MagicLinkRecord("m@example.com", null).toJson()).isEqualTo("{\"type\":\"magic-link\",\"email\":\"m@example.com\"}");
        assertThat(new MagicLinkRecord("m@example.com", "\"Q\" \\ \n\t\u0001 ü").toJson())
                .isEqualTo("{\"type\":\"magic-link\",\"email\":\"m@example.com\",\"name\":\"\\\"Q\\\" \\\\ \\n\\t\\u0001 ü\"}");
    }

    @Test
    void read_back_including_what_better_auth_wrote() {
        assertThat(MagicLinkRecord.parse("{\"type\":\"magic-link\",\"email\":\"M@Example.com\",\"name\":\"Em\"}"))
                .contains(new MagicLinkRecord("M@Example.com", "Em"));
        assertThat(MagicLinkRecord.parse(" { \"email\" : \"m@example.com\" , \"type\":\"magic-link\" } "))
                .contains(new MagicLinkRecord("m@example.com", null));
        assertThat(MagicLinkRecord.parse("{\"type\":\"magic-link\",\"email\":\"m@example.com\",\"name\":\"\\u00fc\\/\\\"\"}"))
                .contains(new MagicLinkRecord("m@example.com", "ü/\""));
        String odd = "\"Q\" \\ \n\t\u0001 ü";
        assertThat(MagicLinkRecord.parse(new MagicLinkRecord("m@example.com", odd).toJson()))
                .contains(new MagicLinkRecord("m@example.com", odd));
    }

    @Test
    void strict_like_better_auths_schema() {
        for (String refused : new String[]{
                "{\"type\":\"magic-link\",\"email\":\"m@example.com\",\"extra\":\"x\"}",
                "{\"type\":\"magic-link\",\"email\":\"m@example.com\",\"name\":null}",
                "{\"type\":\"magic-link\",\"email\":\"m@example.com\",\"name\":1}",
                "{\"type\":\"other\",\"email\":\"m@example.com\"}",
                "{\"type\":\"magic-link\"}",
                "{\"type\":\"magic-link\",\"email\":\"m@example.com\",\"email\":\"n@example.com\"}",
                "{\"type\":\"magic-link\",\"email\":\"m@example.com\"} trailing",
                "[\"magic-link\"]", "", "not json", "{\"type\":\"magic-link\",\"email\":\"m@example.com\""}) {
            assertThat(MagicLinkRecord.parse(refused)).as(refused).isEmpty();
        }
        assertThat(MagicLinkRecord.parse(null)).isEmpty();
    }
}
