package dev.trellis.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/** Only bootstrap wires: Spring configuration and bean factory methods live in {@code <root>.bootstrap..}. */
public final class WiringRules {

    private static final Set<String> CONFIGURATION_ANNOTATIONS = Set.of(
            Configuration.class.getName(),
            SpringBootApplication.class.getName(),
            SpringBootConfiguration.class.getName(),
            AutoConfiguration.class.getName(),
            ComponentScan.class.getName());

    /**
     * {@code @Configuration}, {@code @SpringBootApplication}, {@code @SpringBootConfiguration},
     * {@code @AutoConfiguration}, {@code @ComponentScan} or any {@code @Enable*}, also when they
     * arrive through a composed annotation.
     */
    static final DescribedPredicate<JavaAnnotation<?>> WIRING_ANNOTATION = DescribedPredicate.describe(
            "@Configuration, @SpringBootApplication, @SpringBootConfiguration, @AutoConfiguration, @ComponentScan or @Enable*",
            annotation -> CONFIGURATION_ANNOTATIONS.contains(annotation.getRawType().getName())
                    || annotation.getRawType().getSimpleName().matches("Enable[A-Z].*"));

    private WiringRules() {
    }

    public static ArchRule onlyBootstrapDeclaresConfiguration(String root) {
        return classes().that().resideInAPackage(root + "..")
                .and().areNotAnnotations()
                .and().areMetaAnnotatedWith(WIRING_ANNOTATION)
                .should().resideInAPackage(root + ".bootstrap..")
                .because("the adapters and use cases are plain classes; bootstrap alone decides how they are assembled")
                .allowEmptyShould(true);
    }

    public static ArchRule onlyBootstrapDeclaresBeans(String root) {
        return methods().that().areDeclaredInClassesThat().resideInAPackage(root + "..")
                .and().areMetaAnnotatedWith(Bean.class)
                .should().beDeclaredInClassesThat().resideInAPackage(root + ".bootstrap..")
                .because("the adapters and use cases are plain classes; bootstrap alone decides how they are assembled")
                .allowEmptyShould(true);
    }
}
