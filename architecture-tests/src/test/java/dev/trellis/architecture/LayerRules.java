package dev.trellis.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency direction of the hexagon: {@code domain <- application <- adapters <- bootstrap}.
 * Each factory takes the root package (e.g. {@code "dev.trellis"}) so the same rule can be run
 * against the real code and against planted violations.
 */
public final class LayerRules {

    private LayerRules() {
    }

    /** The domain is plain Java: it uses {@code java..} (but not JDBC) and its own packages, nothing else. */
    public static ArchRule domainIsPure(String root) {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat(
                        resideInAnyPackage(root + ".domain..", "java..")
                                .and(not(resideInAPackage("java.sql.."))))
                .because("the domain model must stay free of frameworks and of persistence (no Spring, no jakarta, no JDBC)")
                .allowEmptyShould(true);
    }

    /** Use cases see the domain, the event contract, the JDK and Spring's @Transactional; nothing else. */
    public static ArchRule applicationDependsOnlyOnDomainAndTransactions(String root) {
        return classes().that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        root + ".application..",
                        root + ".domain..",
                        root + ".event.contract..",
                        "java..",
                        "org.springframework.transaction.annotation..")
                .because("use cases are wired with @Bean in bootstrap, only declare their transactions, and write the "
                        + "events the contract describes")
                .allowEmptyShould(true);
    }

    /** The inner layers never know the outer ones. */
    public static ArchRule innerLayersDoNotDependOnAdaptersOrBootstrap(String root) {
        return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".adapter..", root + ".bootstrap..")
                .because("dependencies point inwards: adapters implement the ports, bootstrap wires them")
                .allowEmptyShould(true);
    }
}
