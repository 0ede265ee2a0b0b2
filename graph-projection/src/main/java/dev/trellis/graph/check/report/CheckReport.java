package dev.trellis.graph.check.report;

import dev.trellis.graph.check.compare.IdRanges;
import dev.trellis.graph.check.model.Difference;
import dev.trellis.graph.check.model.DifferenceType;
import dev.trellis.graph.check.model.Section;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a check found: the point it compared at, counts per section, the differences, the re-check. */
public final class CheckReport {

    /** The point a pass compared at: the outbox position of its snapshot, and the wait made for it (null: none). */
    public record Point(long position, Waited waited) {
    }

    /** How long the check waited for the relay to publish up to the point, then for the projection to apply it. */
    public record Waited(Duration relay, Duration projection) {
    }

    /** The work done: id ranges compared by checksum, how many differed (read again row by row), the phases' times. */
    public record Work(int ranges, int differingRanges, Duration digests, Duration drillDown, Duration recheck) {
    }

    private final Point point;
    private final Map<Section, long[]> counts; // [PostgreSQL, graph]
    private final List<Difference> differences;
    private final Point recheckPoint;
    private final int rechecked;
    private final int notRechecked;
    private final List<String> moving;
    private final Work work;
    private final Duration elapsed;
    private final String relay;
    private final String group;

    public CheckReport(Point point, Map<Section, long[]> counts, List<Difference> differences, Point recheckPoint, int rechecked,
                int notRechecked, List<String> moving, Work work, Duration elapsed, String relay, String group) {
        this.point = point;
        this.counts = new EnumMap<>(counts);
        this.differences = List.copyOf(differences);
        this.recheckPoint = recheckPoint;
        this.rechecked = rechecked;
        this.notRechecked = notRechecked;
        this.moving = List.copyOf(moving);
        this.work = work;
        this.elapsed = elapsed;
        this.relay = relay;
        this.group = group;
    }

    public boolean equal() {
        return differences.isEmpty();
    }

    public List<Difference> differences() {
        return differences;
    }

    public List<Difference> differences(Section section, DifferenceType type) {
        return differences.stream().filter(d -> d.section() == section && d.type() == type).toList();
    }

    public long postgresCount(Section section) {
        return counts.getOrDefault(section, new long[2])[0];
    }

    public long graphCount(Section section) {
        return counts.getOrDefault(section, new long[2])[1];
    }

    public long position() {
        return point.position();
    }

    /** Aggregates that changed again between the re-check's snapshot and its read of the graph: not compared. */
    public List<String> moving() {
        return moving;
    }

    public int rechecked() {
        return rechecked;
    }

    public Duration elapsed() {
        return elapsed;
    }

    public Work work() {
        return work;
    }

    public void print(PrintStream out, int examples) {
        out.println("Point: PostgreSQL snapshot at outbox position " + number(point.position()) + "; " + waited(point));
        for (Section section : Section.values()) {
            List<Difference> found = differences.stream().filter(d -> d.section() == section).toList();
            out.println(section.title() + ": " + number(postgresCount(section)) + " in PostgreSQL, " + number(graphCount(section))
                    + " in the graph, " + number(found.size()) + (found.size() == 1 ? " difference" : " differences"));
            Map<DifferenceType, List<Difference>> byType = new LinkedHashMap<>();
            for (DifferenceType type : DifferenceType.values()) {
                List<Difference> ofType = found.stream().filter(d -> d.type() == type).toList();
                if (!ofType.isEmpty()) {
                    byType.put(type, ofType);
                }
            }
            byType.forEach((type, list) -> {
                out.println("  " + type.description() + ": " + number(list.size()));
                List<Difference> sorted = new ArrayList<>(list);
                sorted.sort((a, b) -> IdRanges.CODE_POINT_ORDER.compare(a.aggregateId() == null ? "" : a.aggregateId(),
                        b.aggregateId() == null ? "" : b.aggregateId()));
                sorted.stream().limit(examples).forEach(d -> out.println("    " + describe(d)));
                if (list.size() > examples) {
                    out.println("    … and " + number(list.size() - examples) + " more");
                }
            });
        }
        if (recheckPoint != null) {
            out.println("Re-checked " + number(rechecked) + " differing aggregate" + (rechecked == 1 ? "" : "s")
                    + " in a second snapshot (outbox position " + number(recheckPoint.position()) + "; " + waited(recheckPoint) + ")"
                    + (notRechecked > 0 ? "; " + number(notRechecked) + " more not re-checked (too many), reported as first found" : ""));
        }
        if (!moving.isEmpty()) {
            out.println("Changed again during the re-check, not compared (" + number(moving.size()) + "): "
                    + String.join(", ", moving.subList(0, Math.min(examples, moving.size()))) + (moving.size() > examples ? ", …" : ""));
        }
        out.println(String.format(Locale.ROOT, "Took %.1f s: checksums of %s id ranges %.1f s, %s range%s read again row by row %.1f s%s",
                elapsed.toMillis() / 1000.0, number(work.ranges()), seconds(work.digests()), number(work.differingRanges()),
                work.differingRanges() == 1 ? "" : "s", seconds(work.drillDown()),
                rechecked > 0 ? String.format(Locale.ROOT, ", re-check %.1f s", seconds(work.recheck())) : ""));
        if (equal()) {
            out.println("EQUAL: the graph equals PostgreSQL at outbox position " + number(point.position()));
        } else {
            Map<Section, Integer> perSection = new EnumMap<>(Section.class);
            differences.forEach(d -> perSection.merge(d.section(), 1, Integer::sum));
            List<String> parts = new ArrayList<>();
            perSection.forEach((section, count) -> parts.add(section.title() + " " + number(count)));
            out.println("DIFFERENT: " + number(differences.size()) + (differences.size() == 1 ? " difference" : " differences")
                    + " (" + String.join(", ", parts) + ")");
        }
    }

    private String waited(Point point) {
        if (point.waited() == null) {
            return "no wait (--no-wait)";
        }
        return String.format(Locale.ROOT, "waited %.1f s for the relay '%s', %.1f s for the projection '%s'",
                point.waited().relay().toMillis() / 1000.0, relay, point.waited().projection().toMillis() / 1000.0, group);
    }

    private static String describe(Difference difference) {
        if (difference.aggregateId() == null || difference.section().isRelationship()) {
            return difference.detail();
        }
        return difference.aggregateId() + ": " + difference.detail();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
