package dev.trellis.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the rooms inside each layer relate: no package cycles anywhere, application features kept
 * apart, auth's internals closed, ports implemented only by driven adapters, controllers that do
 * not lean on each other, and errors turned into HTTP in the error rooms only.
 */
public final class StructureRules {

    static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";
    static final String CONTROLLER = "org.springframework.stereotype.Controller";
    static final String REST_CONTROLLER_ADVICE = "org.springframework.web.bind.annotation.RestControllerAdvice";
    static final String CONTROLLER_ADVICE = "org.springframework.web.bind.annotation.ControllerAdvice";

    private StructureRules() {
    }

    /**
     * Every package is a node, every dependency between two packages an arrow; no arrow path leads
     * from a package back to itself. Each cycle is reported as its packages (a strongly connected
     * component) with one dependency per arrow, so one report shows every cycle at once.
     */
    public static ArchRule noPackageCycles(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(new PackagesFreeOfCycles(root))
                .because("a cycle makes two rooms one; a reader cannot understand either alone")
                .allowEmptyShould(true);
    }

    /**
     * Each {@code application.<feature>} is a slice; features meet only in the shared rooms: the
     * application's root package (caller, common refusals) and {@code application.event} (the outbox
     * port and the events the contract describes).
     */
    public static ArchRule applicationFeaturesDoNotDependOnEachOther(String root) {
        return slices().matching(root + ".application.(*)..").namingSlices("application feature '$1'")
                .should().notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAPackage(root + ".application.event.."))
                .because("a feature changes without touching another; they share only ports and the event contract")
                .allowEmptyShould(true);
    }

    /** {@code application.auth.internal} is for auth's own flows (and bootstrap, which builds them). */
    public static ArchRule onlyAuthFlowsReachAuthInternals(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".application.auth..", root + ".bootstrap..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.auth.internal..")
                .because("auth's sessions, tokens and single-use checks are how the flows work, not a service to others")
                .allowEmptyShould(true);
    }

    /**
     * A class outside the hexagon that implements an interface of the domain or the application (a port)
     * is a driven adapter: it lives in the persistence or messaging adapter, or in an adapter's
     * {@code out} room. (Inside, sealed result types implement their own interfaces; that is no port.)
     */
    public static ArchRule portImplementationsLiveInDrivenAdapters(String root) {
        DescribedPredicate<JavaClass> implementsAPort = new DescribedPredicate<>("implement a port of the domain or the application") {
            @Override
            public boolean test(JavaClass javaClass) {
                return !javaClass.isInterface() && javaClass.getAllRawInterfaces().stream()
                        .anyMatch(resideInAnyPackage(root + ".domain..", root + ".application..")::test);
            }
        };
        return classes().that(implementsAPort)
                .and().resideOutsideOfPackages(root + ".domain..", root + ".application..")
                .should().resideInAnyPackage(root + ".adapter.persistence..", root + ".adapter.messaging..",
                        root + ".adapter..out..")
                .because("ports are implemented on the driven side; the inside and the driving side only use them")
                .allowEmptyShould(true);
    }

    /** A controller uses use cases and helpers of its own room, never another controller. */
    public static ArchRule controllersDoNotDependOnEachOther(String root) {
        DescribedPredicate<JavaClass> controller = new DescribedPredicate<>("controllers") {
            @Override
            public boolean test(JavaClass javaClass) {
                return javaClass.isAnnotatedWith(REST_CONTROLLER) || javaClass.isAnnotatedWith(CONTROLLER);
            }
        };
        return classes().that().resideInAPackage(root + "..").and(controller)
                .should(new ArchCondition<>("not depend on another controller") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        javaClass.getDirectDependenciesFromSelf().stream()
                                .filter(dependency -> !dependency.getTargetClass().equals(javaClass))
                                .filter(dependency -> !dependency.getTargetClass().isAnnotation())
                                .filter(dependency -> controller.test(dependency.getTargetClass()))
                                .forEach(dependency -> events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription())));
                    }
                })
                .because("shared request handling belongs in a helper of the room, so each endpoint reads alone")
                .allowEmptyShould(true);
    }

    /** One place turns failures into HTTP answers: the {@code error} rooms of the web adapter. */
    public static ArchRule onlyErrorRoomsDeclareControllerAdvice(String root) {
        return classes().that().resideInAPackage(root + "..")
                .and().areAnnotatedWith(REST_CONTROLLER_ADVICE).or().areAnnotatedWith(CONTROLLER_ADVICE)
                .should().resideInAPackage(root + ".adapter.web..error..")
                .because("controllers stay thin when errors are answered in one room, chosen by route")
                .allowEmptyShould(true);
    }

    /** Collects the package graph while ArchUnit walks the classes, then reports its cycles (Tarjan). */
    private static final class PackagesFreeOfCycles extends ArchCondition<JavaClass> {

        private final String root;
        private final Map<String, Map<String, Dependency>> arrows = new TreeMap<>();

        PackagesFreeOfCycles(String root) {
            super("be in packages that are free of cycles");
            this.root = root;
        }

        @Override
        public void init(Collection<JavaClass> allObjectsToTest) {
            arrows.clear();
        }

        @Override
        public void check(JavaClass javaClass, ConditionEvents events) {
            String from = javaClass.getPackageName();
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                String to = dependency.getTargetClass().getBaseComponentType().getPackageName();
                if (!to.equals(from) && (to.equals(root) || to.startsWith(root + "."))) {
                    arrows.computeIfAbsent(from, ignored -> new TreeMap<>()).putIfAbsent(to, dependency);
                }
            }
        }

        @Override
        public void finish(ConditionEvents events) {
            for (List<String> cycle : new Tarjan(arrows).components()) {
                if (cycle.size() < 2) {
                    continue;
                }
                StringBuilder report = new StringBuilder("Cycle between packages ").append(cycle).append(':');
                for (String from : cycle) {
                    arrows.getOrDefault(from, Map.of()).forEach((to, dependency) -> {
                        if (cycle.contains(to)) {
                            report.append(System.lineSeparator()).append("  ").append(from).append(" -> ").append(to)
                                    .append(": ").append(dependency.getDescription());
                        }
                    });
                }
                events.add(SimpleConditionEvent.violated(cycle, report.toString()));
            }
        }
    }

    /** Strongly connected components of a small directed graph, each sorted by name. */
    private static final class Tarjan {

        private final Map<String, Map<String, Dependency>> arrows;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> lowLink = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final List<List<String>> components = new ArrayList<>();

        Tarjan(Map<String, Map<String, Dependency>> arrows) {
            this.arrows = arrows;
        }

        List<List<String>> components() {
            for (String node : arrows.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return components;
        }

        private void visit(String node) {
            index.put(node, index.size());
            lowLink.put(node, index.get(node));
            stack.push(node);
            for (String next : arrows.getOrDefault(node, Map.of()).keySet()) {
                if (!index.containsKey(next)) {
                    visit(next);
                    lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
                } else if (stack.contains(next)) {
                    lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
                }
            }
            if (lowLink.get(node).equals(index.get(node))) {
                List<String> component = new ArrayList<>();
                String member;
                do {
                    member = stack.pop();
                    component.add(member);
                } while (!member.equals(node));
                component.sort(null);
                components.add(component);
            }
        }
    }
}
