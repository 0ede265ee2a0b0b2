package dev.trellis.bootstrap.rest;

import dev.trellis.adapter.persistence.testing.StatementCounter;
import dev.trellis.bootstrap.TraceParents;
import dev.trellis.bootstrap.auth.AuthTestSupport;
import dev.trellis.bootstrap.auth.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static dev.trellis.bootstrap.rest.RestTestSupport.events;
import static dev.trellis.bootstrap.rest.RestTestSupport.signedUp;
import static org.assertj.core.api.Assertions.assertThat;

/** The items API over HTTP against PostgreSQL: routes, rules, concurrency control, events. */
@AuthTestSupport
@Import(RestTestSupport.CountStatements.class)
class ItemsApiTest {

    static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    String tag(Browser browser, String name) throws Exception {
        var response = browser.post("/api/tags", "{\"name\":\"" + name + "-" + System.nanoTime() + "\",\"color\":\"#3B82F6\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    JsonNode item(Browser browser, String json) throws Exception {
        var response = browser.post("/api/items", json);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    @Test
    void creating_an_item_with_three_tags_is_201_with_location_etag_and_one_created_event() throws Exception {
        Browser browser = signedUp(port);
        String a = tag(browser, "a");
        String b = tag(browser, "b");
        String c = tag(browser, "c");

        var response = browser.post("/api/items", "{\"title\":\" Plan \",\"description\":\"d\",\"status\":\"published\","
                + "\"imageUrl\":\"https://example.com/i.png\",\"tagIds\":[\"" + a + "\",\"" + b + "\",\"" + c + "\"]}",
                "traceparent", TRACE);

        assertThat(response.status()).isEqualTo(201);
        JsonNode item = response.json();
        String id = item.get("id").asString();
        assertThat(id).startsWith("itm_").hasSize(16);
        assertThat(response.header("location")).isEqualTo("/api/items/" + id);
        assertThat(response.header("etag")).isEqualTo("\"" + item.get("version").asLong() + "\"");
        assertThat(item.get("title").asString()).isEqualTo("Plan");
        assertThat(item.get("status").asString()).isEqualTo("published");
        assertThat(item.get("tags")).hasSize(3);

        var events = events(jdbc, id);
        assertThat(events).extracting(RestTestSupport.Event::type).containsExactly("item.created");
        JsonNode payload = events.get(0).payload();
        assertThat(payload.get("tagIds")).hasSize(3);
        assertThat(payload.get("ownerId").asString()).isEqualTo(RestTestSupport.userId(browser));
        assertThat(payload.get("version").asLong()).isEqualTo(1);
        assertThat(payload.get("schemaVersion").asInt()).isEqualTo(1);
        TraceParents.assertContinues(events.get(0).traceParent(), TRACE);
    }

    @Test
    void the_list_is_newest_first_with_tags_and_keyset_pages_walk_every_item_once() throws Exception {
        Browser browser = signedUp(port);
        String t = tag(browser, "list");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(item(browser, "{\"title\":\"Item " + i + "\",\"tagIds\":[\"" + t + "\"]}").get("id").asString());
        }

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = browser.get("/api/items?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(entry -> {
                walked.add(entry.get("id").asString());
                assertThat(entry.get("tags")).hasSize(1);
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        List<String> newestFirst = new ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);
        assertThat(walked).containsExactlyElementsOf(newestFirst);
        assertThat(browser.get("/api/items?q=ITEM%203").json().get("items")).hasSize(1);
        assertThat(browser.get("/api/items?status=draft&tag=" + t).json().get("items")).hasSize(7);
        assertThat(browser.get("/api/items?status=archived").json().get("items")).isEmpty();
    }

    @Test
    void bad_list_parameters_are_400_problems() throws Exception {
        Browser browser = signedUp(port);
        for (String query : new String[]{"limit=0", "limit=101", "limit=abc", "cursor=not-a-cursor", "status=deleted", "tag=nope"}) {
            var response = browser.get("/api/items?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.header("content-type")).as(query).startsWith("application/problem+json");
            assertThat(response.json().get("code").asString()).as(query).isNotBlank();
        }
    }

    @Test
    void patch_changes_only_what_it_names_null_clears_and_the_status_follows_its_transitions() throws Exception {
        Browser browser = signedUp(port);
        JsonNode item = item(browser, "{\"title\":\"T\",\"description\":\"keep\",\"content\":\"clear me\"}");
        String id = item.get("id").asString();

        var patched = browser.patch("/api/items/" + id, "{\"content\":null,\"status\":\"published\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("description").asString()).isEqualTo("keep");
        assertThat(patched.json().get("content").isNull()).isTrue();
        assertThat(patched.json().get("status").asString()).isEqualTo("published");

        assertThat(browser.patch("/api/items/" + id, "{\"status\":\"archived\"}").status()).isEqualTo(200);
        var refused = browser.patch("/api/items/" + id, "{\"status\":\"published\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("item.status.illegal_transition");

        var badType = browser.patch("/api/items/" + id, "{\"title\":5}");
        var unknownField = browser.patch("/api/items/" + id, "{\"owner\":\"usr_x\"}");
        var blank = browser.patch("/api/items/" + id, "{\"title\":\"   \"}");
        var malformed = browser.patch("/api/items/" + id, "{\"title\":");
        for (var response : List.of(badType, unknownField, blank, malformed)) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
        }
        assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("title");

        assertThat(events(jdbc, id)).extracting(RestTestSupport.Event::type)
                .containsExactly("item.created", "item.status_changed", "item.status_changed");
    }

    @Test
    void a_stale_if_match_is_412_and_a_current_one_succeeds() throws Exception {
        Browser browser = signedUp(port);
        JsonNode item = item(browser, "{\"title\":\"Versioned\"}");
        String id = item.get("id").asString();
        String etag = browser.get("/api/items/" + id).header("etag");

        var first = browser.patch("/api/items/" + id, "{\"title\":\"First editor\"}", "If-Match", etag);
        var second = browser.patch("/api/items/" + id, "{\"title\":\"Second editor\"}", "If-Match", etag);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("etag")).isNotEqualTo(etag);
        assertThat(second.status()).isEqualTo(412);
        assertThat(browser.get("/api/items/" + id).json().get("title").asString()).isEqualTo("First editor");
        assertThat(browser.delete("/api/items/" + id, "If-Match", etag).status()).isEqualTo(412);
        assertThat(browser.delete("/api/items/" + id, "If-Match", first.header("etag")).status()).isEqualTo(204);
    }

    @Test
    void tags_attach_and_detach_with_one_event_each_and_unknown_tags_are_400() throws Exception {
        Browser browser = signedUp(port);
        String t = tag(browser, "attach");
        String id = item(browser, "{\"title\":\"Tagged\"}").get("id").asString();

        assertThat(browser.put("/api/items/" + id + "/tags/" + t).status()).isEqualTo(204);
        assertThat(browser.put("/api/items/" + id + "/tags/" + t).status()).as("idempotent").isEqualTo(204);
        assertThat(browser.get("/api/items/" + id).json().get("tags")).hasSize(1);
        assertThat(browser.delete("/api/items/" + id + "/tags/" + t).status()).isEqualTo(204);
        assertThat(browser.delete("/api/items/" + id + "/tags/" + t).status()).isEqualTo(404);
        assertThat(browser.put("/api/items/" + id + "/tags/tag_unknown1").status()).isEqualTo(400);
        assertThat(browser.post("/api/items", "{\"title\":\"x\",\"tagIds\":[\"tag_unknown1\"]}").status()).isEqualTo(400);

        assertThat(events(jdbc, id)).extracting(RestTestSupport.Event::type)
                .containsExactly("item.created", "item.tags_changed", "item.tags_changed");
    }

    @Test
    void another_users_item_is_404_on_every_route_and_stays_untouched() throws Exception {
        Browser owner = signedUp(port);
        Browser other = signedUp(port);
        String t = tag(owner, "mine");
        String id = item(owner, "{\"title\":\"Private\",\"tagIds\":[\"" + t + "\"]}").get("id").asString();

        List<Browser.Response> responses = List.of(
                other.get("/api/items/" + id),
                other.patch("/api/items/" + id, "{\"title\":\"Hijacked\"}"),
                other.delete("/api/items/" + id),
                other.put("/api/items/" + id + "/tags/" + t),
                other.delete("/api/items/" + id + "/tags/" + t));
        for (Browser.Response response : responses) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.json().get("code").asString()).isEqualTo("item.not_found");
        }
        assertThat(other.get("/api/items").json().get("items")).isEmpty();
        JsonNode untouched = owner.get("/api/items/" + id).json();
        assertThat(untouched.get("title").asString()).isEqualTo("Private");
        assertThat(untouched.get("tags")).hasSize(1);
        assertThat(owner.get("/api/items/itm_doesnotexist").status()).isEqualTo(404);
    }

    @Test
    void deleting_an_item_is_204_one_event_and_its_files_are_detached_with_their_own_event() throws Exception {
        Browser browser = signedUp(port);
        String userId = RestTestSupport.userId(browser);
        String id = item(browser, "{\"title\":\"Doomed\"}").get("id").asString();
        jdbc.sql("""
                insert into files (id, user_id, item_id, filename, storage_key, size, mime_type)
                values (?, ?, ?, 'a.png', ?, 3, 'image/png')""")
                .params("fil_" + id.substring(4), userId, id, "k/" + id).update();

        assertThat(browser.delete("/api/items/" + id).status()).isEqualTo(204);

        assertThat(browser.get("/api/items/" + id).status()).isEqualTo(404);
        assertThat(events(jdbc, id)).extracting(RestTestSupport.Event::type).containsExactly("item.created", "item.deleted");
        assertThat(events(jdbc, "fil_" + id.substring(4))).extracting(RestTestSupport.Event::type)
                .containsExactly("file.created", "file.updated");
    }

    @Test
    void when_the_outbox_write_fails_nothing_of_the_change_remains() throws Exception {
        Browser browser = signedUp(port);
        jdbc.sql("""
                create or replace function test_refuse_outbox() returns trigger language plpgsql as $$
                begin
                    if new.payload ->> 'title' = 'explode' then raise exception 'outbox refused'; end if;
                    return new;
                end $$""").update();
        jdbc.sql("create trigger test_refuse_outbox before insert on outbox for each row execute function test_refuse_outbox()").update();
        try {
            var response = browser.post("/api/items", "{\"title\":\"explode\"}");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).doesNotContain("outbox refused").doesNotContain("insert into");
            assertThat(jdbc.sql("select count(*) from items where title = 'explode'").query(Long.class).single()).isZero();
        } finally {
            jdbc.sql("drop trigger test_refuse_outbox on outbox").update();
        }
    }

    @Test
    void the_list_route_runs_the_same_number_of_statements_for_one_and_for_a_hundred_items() throws Exception {
        Browser browser = signedUp(port);
        String userId = RestTestSupport.userId(browser);
        String t1 = tag(browser, "c1");
        String t2 = tag(browser, "c2");
        jdbc.sql("""
                insert into items (id, user_id, title, created_at)
                select 'itm_cnt' || lpad(g::text, 9, '0'), ?, 'Counted ' || g, now() - g * interval '1 second'
                from generate_series(1, 120) g""").param(userId).update();
        jdbc.sql("insert into item_tags select 'itm_cnt' || lpad(g::text, 9, '0'), t from generate_series(1, 120) g, unnest(array[?, ?]) t")
                .params(t1, t2).update();

        StatementCounter.reset();
        var one = browser.get("/api/items?limit=1");
        int forOne = StatementCounter.count();
        StatementCounter.reset();
        var hundred = browser.get("/api/items?limit=100");
        int forHundred = StatementCounter.count();

        assertThat(one.json().get("items")).hasSize(1);
        assertThat(hundred.json().get("items")).hasSize(100);
        assertThat(hundred.json().get("items").get(99).get("tags")).hasSize(2);
        assertThat(forHundred).as(StatementCounter.statements().toString()).isEqualTo(forOne);
    }
}
