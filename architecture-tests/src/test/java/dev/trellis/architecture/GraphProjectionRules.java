package dev.trellis.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The graph projection ({@code <root>.graph}) is a downstream service like any other team's: it has the event
 * stream, read through the event contract and the consumer kit, and nothing else of the platform.
 */
public final class GraphProjectionRules {

    private GraphProjectionRules() {
    }

    /** The projection uses the contract, the kit and itself of the platform; no domain, application, adapter or bootstrap class. */
    public static ArchRule graphProjectionDependsOnNothingOfThePlatformButTheContractAndTheKit(String root) {
        return noClasses().that().resideInAPackage(root + ".graph..")
                .should().dependOnClassesThat(resideInAPackage(root + "..")
                        .and(not(resideInAnyPackage(root + ".graph..", root + ".event.contract..", root + ".event.consumer..")))
                        .as("platform classes other than the event contract's and the consumer kit's"))
                .because("a downstream service knows Trellis through its events only, as a team with nothing but the stream would")
                .allowEmptyShould(true);
    }
}
