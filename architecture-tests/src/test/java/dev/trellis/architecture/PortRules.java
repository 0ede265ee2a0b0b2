package dev.trellis.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** Ports belong to the inside of the hexagon; adapters implement them. */
public final class PortRules {

    /** Spring Data's marker interface; its sub-interfaces are persistence details, not ports. */
    static final String SPRING_DATA_REPOSITORY = "org.springframework.data.repository.Repository";

    private PortRules() {
    }

    /**
     * Interfaces named {@code *Repository} or declared in a {@code port} package live in the domain or
     * the application. The one exception: Spring Data repository interfaces (sub-interfaces of
     * {@code org.springframework.data.repository.Repository}) inside the persistence adapter.
     */
    public static ArchRule portsAreDeclaredInDomainOrApplication(String root) {
        DescribedPredicate<JavaClass> port = simpleNameEndingWith("Repository").or(resideInAPackage("..port.."))
                .as("named *Repository or in a 'port' package");
        DescribedPredicate<JavaClass> springDataRepositoryOfThePersistenceAdapter =
                assignableTo(SPRING_DATA_REPOSITORY).and(resideInAPackage(root + ".adapter.persistence.."))
                        .as("Spring Data repositories of the persistence adapter");

        return classes().that().resideInAPackage(root + "..")
                .and().areInterfaces()
                .and(port)
                .and(not(springDataRepositoryOfThePersistenceAdapter))
                .should().resideInAnyPackage(root + ".domain..", root + ".application..")
                .because("ports are the hexagon's own contracts; adapters implement them and never declare them")
                .allowEmptyShould(true);
    }
}
