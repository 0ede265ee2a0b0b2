package dev.trellis.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The event contract is what producer and consumers share: a consumer takes it without the platform, so it
 * depends on the JDK, Jackson and itself only (no domain, no application, no Spring, no Kafka client).
 */
public final class ContractRules {

    private ContractRules() {
    }

    public static ArchRule contractDependsOnlyOnJdkAndJackson(String root) {
        return classes().that().resideInAPackage(root + ".event.contract..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        root + ".event.contract..",
                        "java..",
                        "tools.jackson..",
                        "com.fasterxml.jackson.annotation..")
                .because("consumers take the contract without the platform: the JDK and Jackson are all it may need")
                .allowEmptyShould(true);
    }
}
