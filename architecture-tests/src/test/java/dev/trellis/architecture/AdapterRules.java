package dev.trellis.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Adapters (persistence, web, messaging, ...) are independent plug-ins around the application. */
public final class AdapterRules {

    private AdapterRules() {
    }

    /** Each {@code <root>.adapter.<name>} package tree is a slice; no slice uses another. */
    public static ArchRule adaptersDoNotDependOnEachOther(String root) {
        return slices().matching(root + ".adapter.(*)..").namingSlices("adapter '$1'")
                .should().notDependOnEachOther()
                .because("adapters talk to each other only through the application's ports")
                .allowEmptyShould(true);
    }

    /** Bootstrap uses the adapters, never the other way round. */
    public static ArchRule adaptersDoNotDependOnBootstrap(String root) {
        return noClasses().that().resideInAPackage(root + ".adapter..")
                .should().dependOnClassesThat().resideInAPackage(root + ".bootstrap..")
                .because("only bootstrap knows how the application is assembled")
                .allowEmptyShould(true);
    }
}
