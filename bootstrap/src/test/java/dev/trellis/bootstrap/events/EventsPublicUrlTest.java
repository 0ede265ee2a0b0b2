package dev.trellis.bootstrap.events;

import dev.trellis.bootstrap.wiring.events.EventsPublicUrl;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventsPublicUrlTest {

    @Test
    void the_setting_wins_then_better_auth_url_then_localhost_on_the_server_port() {
        assertThat(resolve(new MockEnvironment().withProperty("trellis.events.public-url", "https://events.example.com/")
                .withProperty("BETTER_AUTH_URL", "https://auth.example.com"))).isEqualTo(URI.create("https://events.example.com"));
        assertThat(resolve(new MockEnvironment().withProperty("BETTER_AUTH_URL", "https://auth.example.com/trellis/")))
                .isEqualTo(URI.create("https://auth.example.com/trellis"));
        assertThat(resolve(new MockEnvironment().withProperty("server.port", "8181"))).isEqualTo(URI.create("http://localhost:8181"));
        assertThat(resolve(new MockEnvironment())).isEqualTo(URI.create("http://localhost:8080"));
    }

    @Test
    void a_relative_or_malformed_url_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> resolve(new MockEnvironment().withProperty("trellis.events.public-url", "/events")))
                .hasMessageContaining("trellis.events.public-url");
        assertThatThrownBy(() -> resolve(new MockEnvironment().withProperty("trellis.events.public-url", "http://exa mple")))
                .hasMessageContaining("trellis.events.public-url");
    }

    private static URI resolve(MockEnvironment environment) {
        return EventsPublicUrl.resolve(environment).value();
    }
}
