package dev.trellis.bootstrap.rest;

import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description and its browsable page, served without a session. */
@AuthTestSupport
class OpenApiTest {

    @LocalServerPort
    int port;

    @Test
    void the_description_lists_the_items_tags_files_me_and_auth_paths() throws Exception {
        Browser anonymous = new Browser(port, null);

        var response = anonymous.get("/v3/api-docs");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/json");
        JsonNode description = response.json();
        assertThat(description.get("openapi").asString()).startsWith("3.");
        assertThat(description.get("info").get("title").asString()).isEqualTo("Trellis API");
        JsonNode paths = description.get("paths");
        assertThat(paths.propertyNames()).contains(
                "/api/items", "/api/items/{id}", "/api/items/{id}/tags/{tagId}",
                "/api/tags", "/api/tags/{id}",
                "/api/files", "/api/files/{id}", "/api/files/{id}/content",
                "/api/me", "/api/me/profile", "/api/me/settings",
                "/api/auth/sign-up/email", "/api/auth/sign-in/email", "/api/auth/get-session", "/api/auth/sign-out");
        assertThat(paths.get("/api/files").get("post").get("requestBody").get("content").has("multipart/form-data")).isTrue();
        assertThat(paths.get("/api/files/{id}").has("patch")).isTrue();
        assertThat(paths.get("/api/items").get("get").get("parameters")).as("the signed-in caller is no parameter")
                .extracting(parameter -> parameter.get("name").asString())
                .containsExactlyInAnyOrder("status", "tag", "q", "limit", "cursor");
        assertThat(paths.get("/api/files/{id}").has("delete")).isTrue();
        assertThat(description.get("components").get("securitySchemes").propertyNames())
                .contains("session-cookie", "bearer-token");
    }

    @Test
    void swagger_ui_is_browsable_without_a_session() throws Exception {
        Browser anonymous = new Browser(port, null);

        var entry = anonymous.get("/swagger-ui.html");
        assertThat(entry.status()).isEqualTo(302);
        assertThat(entry.header("location")).endsWith("/swagger-ui/index.html");

        var page = anonymous.get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.body()).containsIgnoringCase("swagger-ui");
        var config = anonymous.get("/v3/api-docs/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().get("url").asString()).isEqualTo("/v3/api-docs");
    }
}
