package dev.trellis.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static org.assertj.core.api.Assertions.assertThat;

/** The architecture of Trellis, checked against the main classes of every module. */
@AnalyzeClasses(packages = TrellisArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class TrellisArchitectureTest {

    static final String ROOT = "dev.trellis";

    @ArchTest
    static final ArchRule domain_is_pure = LayerRules.domainIsPure(ROOT);

    @ArchTest
    static final ArchRule application_depends_only_on_the_domain_and_transactions =
            LayerRules.applicationDependsOnlyOnDomainAndTransactions(ROOT);

    @ArchTest
    static final ArchRule domain_and_application_do_not_depend_on_adapters_or_bootstrap =
            LayerRules.innerLayersDoNotDependOnAdaptersOrBootstrap(ROOT);

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other = AdapterRules.adaptersDoNotDependOnEachOther(ROOT);

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_bootstrap = AdapterRules.adaptersDoNotDependOnBootstrap(ROOT);

    @ArchTest
    static final ArchRule only_bootstrap_declares_configuration = WiringRules.onlyBootstrapDeclaresConfiguration(ROOT);

    @ArchTest
    static final ArchRule only_bootstrap_declares_beans = WiringRules.onlyBootstrapDeclaresBeans(ROOT);

    @ArchTest
    static final ArchRule ports_are_declared_in_domain_or_application = PortRules.portsAreDeclaredInDomainOrApplication(ROOT);

    @ArchTest
    static final ArchRule the_event_contract_depends_only_on_the_jdk_and_jackson = ContractRules.contractDependsOnlyOnJdkAndJackson(ROOT);

    @ArchTest
    static final ArchRule consumer_kit_depends_on_nothing_of_the_platform_but_the_contract =
            ConsumerKitRules.consumerKitDependsOnNothingOfThePlatformButTheContract(ROOT);

    @ArchTest
    static final ArchRule consumer_kit_uses_its_optional_dependencies_in_one_place_each =
            ConsumerKitRules.consumerKitUsesItsOptionalDependenciesInOnePlaceEach(ROOT);

    @ArchTest
    static final ArchRule graph_projection_depends_on_nothing_of_the_platform_but_the_contract_and_the_kit =
            GraphProjectionRules.graphProjectionDependsOnNothingOfThePlatformButTheContractAndTheKit(ROOT);

    @ArchTest
    static final ArchRule no_package_cycles = StructureRules.noPackageCycles(ROOT);

    @ArchTest
    static final ArchRule application_features_do_not_depend_on_each_other =
            StructureRules.applicationFeaturesDoNotDependOnEachOther(ROOT);

    @ArchTest
    static final ArchRule only_auth_flows_reach_auth_internals = StructureRules.onlyAuthFlowsReachAuthInternals(ROOT);

    @ArchTest
    static final ArchRule port_implementations_live_in_driven_adapters = StructureRules.portImplementationsLiveInDrivenAdapters(ROOT);

    @ArchTest
    static final ArchRule controllers_do_not_depend_on_each_other = StructureRules.controllersDoNotDependOnEachOther(ROOT);

    @ArchTest
    static final ArchRule only_error_rooms_declare_controller_advice = StructureRules.onlyErrorRoomsDeclareControllerAdvice(ROOT);

    /** The rules allow empty layers; this guards against them passing only because nothing was imported. */
    @ArchTest
    static void every_layer_is_on_the_classpath(JavaClasses classes) {
        for (String layer : new String[] {"event.contract", "domain", "application", "adapter.persistence", "adapter.web",
                "adapter.messaging", "bootstrap", "event.consumer", "graph"}) {
            assertThat(classes.containPackage(ROOT + "." + layer))
                    .as("main classes of %s.%s imported", ROOT, layer)
                    .isTrue();
        }
    }
}
