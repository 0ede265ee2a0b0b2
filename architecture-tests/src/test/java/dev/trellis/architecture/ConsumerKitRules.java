package dev.trellis.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
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
     * spring-kafka and Micrometer are optional dependencies of the kit: only its spring-kafka listener uses Spring,
     * only its Micrometer binder uses Micrometer, so the plain-Kafka consumer runs without either on the class path.
     */
    public static ArchRule consumerKitUsesItsOptionalDependenciesInOnePlaceEach(String root) {
        return noClasses().that().resideInAPackage(root + ".event.consumer..")
                .and(not(nameMatching(".*\\.TrellisBatchListener(\\$.*)?").or(nameMatching(".*\\.MicrometerConsumerMetrics(\\$.*)?"))))
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.micrometer..")
                .orShould().dependOnClassesThat(nameMatching(".*\\.TrellisBatchListener(\\$.*)?")
                        .or(nameMatching(".*\\.MicrometerConsumerMetrics(\\$.*)?"))
                        .as("the kit's spring-kafka listener or Micrometer binder"))
                .because("a service without Spring or Micrometer must be able to load the plain-Kafka consumer")
                .allowEmptyShould(true);
    }
}
