package dev.trellis.graph.check;

/**
 * A small Trellis state written to PostgreSQL with SQL (the real triggers fill the outbox and the versions),
 * and the equal graph written by hand with Cypher as GRAPH.md describes it.
 */
final class TrellisState {

    static final String ALICE = "usr_alice0000001";
    static final String BOB = "usr_bob000000001";
    static final String WORK = "tag_work0001";
    static final String HOME = "tag_home0001";
    static final String FIRST = "itm_first000001";
    static final String SECOND = "itm_second00001";
    static final String GONE = "itm_gone0000001";
    static final String FILE_ONE = "fil_one00000001";
    static final String FILE_TWO = "fil_two00000001";

    private TrellisState() {
    }

    static void writePostgres(CheckFixture fixture) {
        fixture.sql("""
                        insert into "user" (id, name, email, email_verified, image, created_at, updated_at) values
                          ('usr_alice0000001', 'Alice', 'alice@example.com', true, null, '2026-01-01 10:00:00.000001+00', '2026-01-02 10:00:00.5+00'),
                          ('usr_bob000000001', 'Bob', 'bob@example.com', false, 'https://img.example/bob.png', '2026-01-03 10:00:00+00', '2026-01-03 10:00:00+00')""",
                "update user_profile set bio = 'Gardener', website = 'https://alice.example', timezone = 'Europe/Berlin' where user_id = 'usr_alice0000001'",
                "update user_settings set theme = 'dark', language = 'de', notifications_enabled = false where user_id = 'usr_alice0000001'",
                """
                        insert into tags (id, name, color, created_at, created_by) values
                          ('tag_work0001', 'Work', '#ff0000', '2026-01-04 00:00:00.123456+00', 'usr_alice0000001'),
                          ('tag_home0001', 'Home', '#00ff00', '2026-01-04 00:00:01+00', null)""",
                """
                        insert into items (id, user_id, title, description, content, status, image_url, created_at, updated_at) values
                          ('itm_first000001', 'usr_alice0000001', 'First', 'The first item', null, 'published', null, '2026-01-05 00:00:00+00', '2026-01-05 00:00:00+00'),
                          ('itm_second00001', 'usr_bob000000001', 'Second', null, 'Some "quoted" content', 'draft', 'https://img.example/2.png', '2026-01-06 00:00:00+00', '2026-01-06 00:00:00+00')""",
                "insert into item_tags (item_id, tag_id) values ('itm_first000001', 'tag_work0001'), ('itm_first000001', 'tag_home0001')",
                """
                        insert into files (id, user_id, item_id, filename, storage_key, url, size, mime_type, created_at) values
                          ('fil_one00000001', 'usr_alice0000001', 'itm_first000001', 'a.png', 'k/one', 'https://files.example/a.png', 123, 'image/png', '2026-01-07 00:00:00+00'),
                          ('fil_two00000001', 'usr_bob000000001', null, 'b.txt', 'k/two', null, 0, 'text/plain', '2026-01-08 00:00:00+00')""");
        // item.updated: the first item at version 2
        fixture.sql("update items set title = 'First!', updated_at = '2026-01-09 00:00:00.654321+00' where id = 'itm_first000001'");
        // an item created and deleted: version 2, a tombstone in the graph
        fixture.sql("insert into items (id, user_id, title, created_at, updated_at) values "
                + "('itm_gone0000001', 'usr_bob000000001', 'Gone', '2026-01-10 00:00:00+00', '2026-01-10 00:00:00+00')");
        fixture.sql("delete from items where id = 'itm_gone0000001'");
    }

    static void writeGraph(CheckFixture fixture) {
        fixture.emptyGraph();
        fixture.cypher("""
                CREATE (alice:User {id: 'usr_alice0000001', name: 'Alice', email: 'alice@example.com', emailVerified: true,
                        createdAt: datetime('2026-01-01T10:00:00.000001Z'), updatedAt: datetime('2026-01-02T10:00:00.5Z'),
                        bio: 'Gardener', website: 'https://alice.example', timezone: 'Europe/Berlin',
                        theme: 'dark', language: 'de', notificationsEnabled: false, version: 1})
                CREATE (bob:User {id: 'usr_bob000000001', name: 'Bob', email: 'bob@example.com', emailVerified: false,
                        image: 'https://img.example/bob.png', createdAt: datetime('2026-01-03T10:00:00Z'),
                        updatedAt: datetime('2026-01-03T10:00:00Z'), timezone: 'UTC', theme: 'system', language: 'en',
                        notificationsEnabled: true, version: 1})
                CREATE (work:Tag {id: 'tag_work0001', name: 'Work', color: '#ff0000', createdAt: datetime('2026-01-04T00:00:00.123456Z'), version: 1})
                CREATE (home:Tag {id: 'tag_home0001', name: 'Home', color: '#00ff00', createdAt: datetime('2026-01-04T00:00:01Z'), version: 1})
                CREATE (first:Item {id: 'itm_first000001', title: 'First!', description: 'The first item', status: 'published',
                        createdAt: datetime('2026-01-05T00:00:00Z'), updatedAt: datetime('2026-01-09T00:00:00.654321Z'), version: 2})
                CREATE (second:Item {id: 'itm_second00001', title: 'Second', content: 'Some "quoted" content', status: 'draft',
                        imageUrl: 'https://img.example/2.png', createdAt: datetime('2026-01-06T00:00:00Z'),
                        updatedAt: datetime('2026-01-06T00:00:00Z'), version: 1})
                CREATE (one:File {id: 'fil_one00000001', filename: 'a.png', url: 'https://files.example/a.png', size: 123,
                        mimeType: 'image/png', createdAt: datetime('2026-01-07T00:00:00Z'), version: 1})
                CREATE (two:File {id: 'fil_two00000001', filename: 'b.txt', size: 0, mimeType: 'text/plain',
                        createdAt: datetime('2026-01-08T00:00:00Z'), version: 1})
                CREATE (:Tombstone {key: 'item:itm_gone0000001', type: 'item', id: 'itm_gone0000001', version: 2,
                        deletedAt: datetime('2026-01-10T00:00:01Z')})
                CREATE (alice)-[:OWNS]->(first), (bob)-[:OWNS]->(second)
                CREATE (first)-[:TAGGED]->(work), (first)-[:TAGGED]->(home)
                CREATE (first)-[:HAS_FILE]->(one)
                CREATE (alice)-[:UPLOADED]->(one), (bob)-[:UPLOADED]->(two)
                CREATE (alice)-[:CREATED]->(work)
                """);
    }
}
