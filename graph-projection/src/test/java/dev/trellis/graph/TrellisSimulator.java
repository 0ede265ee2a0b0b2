package dev.trellis.graph;

import dev.trellis.event.contract.EventType;
import org.neo4j.driver.Driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trellis's side, as far as the events go: random changes to users, tags, items and files from a seed,
 * each emitting the events the application emits for it (a user's deletion cascades to their items and
 * files and clears their tags' creator; an item's deletion detaches its files; a tag's deletion writes no
 * item event), with versions per aggregate. It knows the graph those events must leave, written as
 * {@link #graphOf(Driver)} reads a graph.
 */
public final class TrellisSimulator {

    private final Random random;
    private final String name;
    private final List<TestEvent> events = new ArrayList<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Tag> tags = new LinkedHashMap<>();
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, File> files = new LinkedHashMap<>();
    private final Map<String, Long> tombstones = new TreeMap<>();
    private int sequence;

    private static final class User {
        final String id;
        long version;
        String name;

        User(String id) {
            this.id = id;
        }
    }

    private static final class Tag {
        final String id;
        long version;
        String name;
        String createdBy;

        Tag(String id) {
            this.id = id;
        }
    }

    private static final class Item {
        final String id;
        final String ownerId;
        long version;
        String title;
        Set<String> tagIds = new LinkedHashSet<>();

        Item(String id, String ownerId) {
            this.id = id;
            this.ownerId = ownerId;
        }
    }

    private static final class File {
        final String id;
        final String ownerId;
        long version;
        String itemId;

        File(String id, String ownerId) {
            this.id = id;
            this.ownerId = ownerId;
        }
    }

    /** @param name keeps the ids of two simulators in one graph apart */
    public TrellisSimulator(long seed, String name) {
        this.random = new Random(seed);
        this.name = name;
    }

    /** The events of {@code changes} random changes, in the order Trellis commits them. */
    public List<TestEvent> run(int changes) {
        int from = events.size();
        for (int i = 0; i < changes; i++) {
            change();
        }
        return List.copyOf(events.subList(from, events.size()));
    }

    /** A snapshot: one {@code *.snapshot} per aggregate that exists, with its next version. */
    public List<TestEvent> snapshot() {
        int from = events.size();
        users.values().forEach(user -> emitUser(EventType.USER_SNAPSHOT, user));
        tags.values().forEach(tag -> emitTag(EventType.TAG_SNAPSHOT, tag));
        items.values().forEach(item -> emitItem(EventType.ITEM_SNAPSHOT, item));
        files.values().forEach(file -> emitFile(EventType.FILE_SNAPSHOT, file));
        return List.copyOf(events.subList(from, events.size()));
    }

    public List<TestEvent> events() {
        return List.copyOf(events);
    }

    /** The graph these events must leave: one line per node (label, id, version, its name) and per relationship. */
    public List<String> expectedGraph() {
        List<String> lines = new ArrayList<>();
        users.values().forEach(user -> lines.add("User " + user.id + " v" + user.version + " " + user.name));
        tags.values().forEach(tag -> lines.add("Tag " + tag.id + " v" + tag.version + " " + tag.name));
        items.values().forEach(item -> lines.add("Item " + item.id + " v" + item.version + " " + item.title));
        files.values().forEach(file -> lines.add("File " + file.id + " v" + file.version + " " + file.id + ".txt"));
        tombstones.forEach((key, version) -> lines.add("Tombstone " + key + " v" + version));
        tags.values().stream().filter(tag -> tag.createdBy != null)
                .forEach(tag -> lines.add("(" + tag.createdBy + ")-[:CREATED]->(" + tag.id + ")"));
        for (Item item : items.values()) {
            lines.add("(" + item.ownerId + ")-[:OWNS]->(" + item.id + ")");
            item.tagIds.forEach(tagId -> lines.add("(" + item.id + ")-[:TAGGED]->(" + tagId + ")"));
        }
        for (File file : files.values()) {
            lines.add("(" + file.ownerId + ")-[:UPLOADED]->(" + file.id + ")");
            if (file.itemId != null) {
                lines.add("(" + file.itemId + ")-[:HAS_FILE]->(" + file.id + ")");
            }
        }
        lines.sort(null);
        return lines;
    }

    /** A graph in {@link #expectedGraph()}'s terms. */
    public static List<String> graphOf(Driver driver) {
        List<String> lines = new ArrayList<>(driver.session().executeRead(tx -> tx.run("""
                MATCH (n)
                RETURN labels(n)[0] + ' ' + CASE WHEN n:Tombstone THEN n.key ELSE n.id END + ' v' + coalesce(toString(n.version), '-')
                       + coalesce(' ' + coalesce(n.name, n.title, n.filename), '') AS line""").list(r -> r.get("line").asString())));
        lines.addAll(driver.session().executeRead(tx -> tx.run(
                "MATCH (a)-[r]->(b) RETURN '(' + a.id + ')-[:' + type(r) + ']->(' + b.id + ')' AS line").list(r -> r.get("line").asString())));
        lines.sort(null);
        return lines;
    }

    private void change() {
        int dice = random.nextInt(100);
        if (users.isEmpty() || dice < 8) {
            createUser();
        } else if (dice < 12) {
            User user = pick(users);
            user.name = "user " + (++sequence);
            emitUser(EventType.USER_UPDATED, user);
        } else if (dice < 15 && users.size() > 2) {
            deleteUser(pick(users));
        } else if (tags.size() < 3 || dice < 22) {
            Tag tag = new Tag(name + "tag" + (++sequence));
            tag.name = "tag " + sequence;
            tag.createdBy = pick(users).id;
            tags.put(tag.id, tag);
            emitTag(EventType.TAG_CREATED, tag);
        } else if (dice < 26) {
            Tag tag = pick(tags);
            tag.name = "tag " + (++sequence);
            emitTag(EventType.TAG_UPDATED, tag);
        } else if (dice < 29) {
            deleteTag(pick(tags));
        } else if (items.isEmpty() || dice < 45) {
            User owner = pick(users);
            Item item = new Item(name + "itm" + (++sequence), owner.id);
            item.title = "item " + sequence;
            item.tagIds = randomTags();
            items.put(item.id, item);
            emitItem(EventType.ITEM_CREATED, item);
        } else if (dice < 55) {
            Item item = pick(items);
            item.title = "item " + (++sequence);
            emitItem(EventType.ITEM_UPDATED, item);
        } else if (dice < 65) {
            Item item = pick(items);
            item.tagIds = randomTags();
            emitItem(EventType.ITEM_TAGS_CHANGED, item);
        } else if (dice < 70) {
            deleteItem(pick(items));
        } else if (files.isEmpty() || dice < 82) {
            User owner = pick(users);
            File file = new File(name + "fil" + (++sequence), owner.id);
            file.itemId = randomItemOf(owner.id);
            files.put(file.id, file);
            emitFile(EventType.FILE_CREATED, file);
        } else if (dice < 94) {
            File file = pick(files);
            file.itemId = file.itemId == null ? randomItemOf(file.ownerId) : null;
            emitFile(EventType.FILE_UPDATED, file);
        } else {
            File file = files.remove(pick(files).id);
            deleted("file", file.id, ++file.version, TestEvents.fileDeleted(file.id, file.version, file.ownerId));
        }
    }

    private void createUser() {
        User user = new User(name + "usr" + (++sequence));
        user.name = "user " + sequence;
        users.put(user.id, user);
        emitUser(EventType.USER_CREATED, user);
    }

    private void deleteUser(User user) {
        users.remove(user.id);
        deleted("user", user.id, ++user.version, TestEvents.userDeleted(user.id, user.version));
        // what the database's cascades report, each as its aggregate's own event
        for (Item item : List.copyOf(items.values())) {
            if (item.ownerId.equals(user.id)) {
                items.remove(item.id);
                deleted("item", item.id, ++item.version, TestEvents.itemDeleted(item.id, item.version, item.ownerId));
            }
        }
        for (File file : List.copyOf(files.values())) {
            if (file.ownerId.equals(user.id)) {
                files.remove(file.id);
                deleted("file", file.id, ++file.version, TestEvents.fileDeleted(file.id, file.version, file.ownerId));
            }
        }
        for (Tag tag : tags.values()) {
            if (user.id.equals(tag.createdBy)) {
                tag.createdBy = null;
                emitTag(EventType.TAG_UPDATED, tag);
            }
        }
    }

    private void deleteTag(Tag tag) {
        tags.remove(tag.id);
        deleted("tag", tag.id, ++tag.version, TestEvents.tagDeleted(tag.id, tag.version, tag.name));
        items.values().forEach(item -> item.tagIds.remove(tag.id)); // no item event: consumers drop the links
    }

    private void deleteItem(Item item) {
        items.remove(item.id);
        deleted("item", item.id, ++item.version, TestEvents.itemDeleted(item.id, item.version, item.ownerId));
        for (File file : files.values()) {
            if (item.id.equals(file.itemId)) {
                file.itemId = null;
                emitFile(EventType.FILE_UPDATED, file);
            }
        }
    }

    private void deleted(String type, String id, long version, TestEvent event) {
        tombstones.put(type + ":" + id, version);
        events.add(event);
    }

    private void emitUser(EventType type, User user) {
        events.add(TestEvents.user(type, user.id, ++user.version, user.name, user.id + "@example.com").now());
    }

    private void emitTag(EventType type, Tag tag) {
        events.add(TestEvents.tag(type, tag.id, ++tag.version, tag.name, tag.createdBy).now());
    }

    private void emitItem(EventType type, Item item) {
        events.add(TestEvents.item(type, item.id, ++item.version, item.ownerId, item.title, List.copyOf(item.tagIds)).now());
    }

    private void emitFile(EventType type, File file) {
        events.add(TestEvents.file(type, file.id, ++file.version, file.ownerId, file.itemId, file.id + ".txt").now());
    }

    private Set<String> randomTags() {
        Set<String> chosen = new LinkedHashSet<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count && !tags.isEmpty(); i++) {
            chosen.add(pick(tags).id);
        }
        return chosen;
    }

    private String randomItemOf(String ownerId) {
        List<Item> owned = items.values().stream().filter(item -> item.ownerId.equals(ownerId)).toList();
        return owned.isEmpty() || random.nextInt(3) == 0 ? null : owned.get(random.nextInt(owned.size())).id;
    }

    private <T> T pick(Map<String, T> from) {
        List<T> values = List.copyOf(from.values());
        return values.get(random.nextInt(values.size()));
    }
}
