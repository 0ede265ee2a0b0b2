package dev.trellis.architecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The consumer kit ({@code <root>.event.consumer}) is for downstream services, which have the event stream
 * and nothing else of the platform.
 */
public final class ConsumerKitRules {

    private ConsumerKitRules() {
    }

    /** The kit uses the event contract and itself of the platform; no domain, application, adapter or bootstrap class. */
    public static ArchRule consumerKitDependsOnNothingOfThePlatformButTheContract(String root) {
        return noClasses().that().resideInAPackage(root + ".event.consumer..")
                .should().dependOnClassesThat(resideInAPackage(root + "..")
                        .and(not(resideInAnyPackage(root + ".event.contract..", root + ".event.consumer..")))
                        .as("platform classes other than the event contract's"))
                .because("a downstream service knows Trellis through its events only: the contract is all they share")
                .allowEmptyShould(true);
    }

    /**
     * spring-kafka, Micrometer and OpenTelemetry are optional dependencies of the kit, each used in a room of its own:
     * only {@code .spring} (the spring-kafka listener) uses Spring, only {@code .micrometer} (the Micrometer binder) uses
     * Micrometer, only {@code .opentelemetry} (the spans) uses OpenTelemetry, and nothing else of the kit reaches into either room, so the plain-Kafka consumer runs without
     * them on the class path.
     */
    public static ArchRule consumerKitUsesItsOptionalDependenciesInOnePlaceEach(String root) {
        String kit = root + ".event.consumer";
        return CompositeArchRule.of(onlyItsRoomUses(kit, "spring", "org.springframework..", "Spring"))
                .and(onlyItsRoomUses(kit, "micrometer", "io.micrometer..", "Micrometer"))
                .and(onlyItsRoomUses(kit, "opentelemetry", "io.opentelemetry..", "OpenTelemetry"));
    }

    private static ArchRule onlyItsRoomUses(String kit, String room, String library, String name) {
        return noClasses().that().resideInAPackage(kit + "..").and().resideOutsideOfPackage(kit + "." + room + "..")
                .should().dependOnClassesThat().resideInAPackage(library)
                .orShould().dependOnClassesThat().resideInAPackage(kit + "." + room + "..")
                .because("a service without " + name + " must be able to load the plain-Kafka consumer")
                .allowEmptyShould(true);
    }
}
