package dev.trellis.bootstrap.rest;

import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.trellis.bootstrap.rest.RestTestSupport.events;
import static dev.trellis.bootstrap.rest.RestTestSupport.signedUp;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared tag vocabulary and the signed-in user's profile and settings, over HTTP. */
@AuthTestSupport
class TagsAndMeApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void every_user_lists_and_creates_tags_and_a_duplicate_name_is_409() throws Exception {
        Browser alice = signedUp(port);
        Browser bob = signedUp(port);
        String name = "Shared " + System.nanoTime();

        var created = alice.post("/api/tags", "{\"name\":\"" + name + "\"}");
        var duplicate = bob.post("/api/tags", "{\"name\":\"" + name + "\",\"color\":\"#000000\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("color").asString()).isEqualTo("#6b7280");
        assertThat(created.json().get("createdBy").asString()).isEqualTo(RestTestSupport.userId(alice));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("code").asString()).isEqualTo("data.duplicate");
        assertThat(bob.get("/api/tags").json()).anySatisfy(tag -> assertThat(tag.get("name").asString()).isEqualTo(name));
        assertThat(events(jdbc, created.json().get("id").asString())).extracting(RestTestSupport.Event::type)
                .containsExactly("tag.created");
    }

    @Test
    void racing_creates_of_one_name_make_exactly_one_tag() throws Exception {
        List<Browser> browsers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            browsers.add(signedUp(port));
        }
        String name = "Raced " + System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(browsers.size());
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (Browser browser : browsers) {
                Callable<Integer> create = () -> browser.post("/api/tags", "{\"name\":\"" + name + "\"}").status();
                statuses.add(pool.submit(create));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get());
            }
            assertThat(results).containsOnly(201, 409);
            assertThat(results).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from tags where name = ?").param(name).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void only_the_creator_changes_or_deletes_a_tag_and_a_tag_others_use_cannot_be_deleted() throws Exception {
        Browser creator = signedUp(port);
        Browser other = signedUp(port);
        JsonNode tag = creator.post("/api/tags", "{\"name\":\"Mine " + System.nanoTime() + "\"}").json();
        String id = tag.get("id").asString();

        var foreignRename = other.patch("/api/tags/" + id, "{\"name\":\"Stolen\"}");
        assertThat(foreignRename.status()).isEqualTo(403);
        assertThat(foreignRename.json().get("code").asString()).isEqualTo("tag.not_creator");
        assertThat(other.delete("/api/tags/" + id).status()).isEqualTo(403);

        var recolour = creator.patch("/api/tags/" + id, "{\"color\":\"#ABCDEF\"}");
        assertThat(recolour.status()).isEqualTo(200);
        assertThat(recolour.json().get("color").asString()).isEqualTo("#abcdef");
        assertThat(creator.patch("/api/tags/" + id, "{\"color\":\"blue\"}").status()).isEqualTo(400);

        var othersItem = other.post("/api/items", "{\"title\":\"Uses it\",\"tagIds\":[\"" + id + "\"]}");
        assertThat(othersItem.status()).isEqualTo(201);
        var inUse = creator.delete("/api/tags/" + id);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("code").asString()).isEqualTo("tag.in_use");

        other.delete("/api/items/" + othersItem.json().get("id").asString());
        assertThat(creator.delete("/api/tags/" + id).status()).isEqualTo(204);
        assertThat(events(jdbc, id)).extracting(RestTestSupport.Event::type)
                .containsExactly("tag.created", "tag.updated", "tag.deleted");
    }

    @Test
    void me_profile_and_settings_read_and_update_with_the_domains_rules_and_one_event_per_change() throws Exception {
        Browser browser = signedUp(port);
        String userId = RestTestSupport.userId(browser);

        JsonNode me = browser.get("/api/me").json();
        assertThat(me.get("profile").get("timezone").asString()).isEqualTo("UTC");
        assertThat(me.get("settings").get("theme").asString()).isEqualTo("system");

        var profile = browser.patch("/api/me/profile", "{\"bio\":\"Hi\",\"website\":\"https://ada.dev\",\"timezone\":\"Europe/London\"}");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().get("timezone").asString()).isEqualTo("Europe/London");
        var settings = browser.patch("/api/me/settings", "{\"theme\":\"dark\",\"language\":\"pt-br\",\"notificationsEnabled\":false}");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.json().get("language").asString()).isEqualTo("pt-BR");

        for (String[] bad : new String[][]{{"/api/me/profile", "{\"website\":\"ftp://x\"}", "website"},
                {"/api/me/profile", "{\"timezone\":\"Mars/Base\"}", "timezone"},
                {"/api/me/settings", "{\"theme\":\"neon\"}", "theme"},
                {"/api/me/settings", "{\"language\":\"english!\"}", "language"},
                {"/api/me/settings", "{\"notificationsEnabled\":\"yes\"}", "notificationsEnabled"}}) {
            var response = browser.patch(bad[0], bad[1]);
            assertThat(response.status()).as(bad[1]).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString()).as(bad[1]).isEqualTo(bad[2]);
        }
        assertThat(browser.patch("/api/me/settings", "{\"theme\":\"light\"}", "If-Match", "\"0\"").status()).isEqualTo(412);

        List<RestTestSupport.Event> events = events(jdbc, userId);
        assertThat(events).extracting(RestTestSupport.Event::type).containsExactly("user.created", "user.updated", "user.updated");
        assertThat(events).extracting(event -> event.payload().get("version").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(events.get(2).payload().get("settings").get("theme").asString()).isEqualTo("dark");
    }
}
