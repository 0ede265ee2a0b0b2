package dev.trellis.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Function;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Each rule fails on a planted violation (test sources under {@code planted.<case>}, laid out like
 * Trellis with {@code planted.<case>} as the root package) and passes on {@code planted.compliant},
 * a tiny hexagon that uses everything the rules allow. The same rules run on the real classes in
 * {@link TrellisArchitectureTest}.
 */
class RulesCatchPlantedViolationsTest {

    @Test
    void domain_is_pure_catches_spring_and_jdbc_in_the_domain() {
        assertCaught(LayerRules::domainIsPure, "impuredomain",
                "domain.item.LeakyItem", "domain.item.JdbcTimestamped")
                .butNot("domain.item.PureTitle");
    }

    @Test
    void application_depends_only_on_the_domain_and_transactions_catches_spring_in_a_use_case() {
        assertCaught(LayerRules::applicationDependsOnlyOnDomainAndTransactions, "springapplication",
                "application.item.ItemService", "application.item.PublishItem");
    }

    @Test
    void inner_layers_do_not_depend_on_adapters_or_bootstrap_catches_both_directions() {
        assertCaught(LayerRules::innerLayersDoNotDependOnAdaptersOrBootstrap, "innerleak",
                "application.item.ListItems", "domain.item.ItemPage");
    }

    @Test
    void adapters_do_not_depend_on_each_other_catches_web_and_messaging_reading_persistence() {
        assertCaught(AdapterRules::adaptersDoNotDependOnEachOther, "adapterleak",
                "adapter.web.ItemController", "adapter.messaging.OutboxRelay");
    }

    @Test
    void adapters_do_not_depend_on_bootstrap_catches_an_adapter_reading_settings() {
        assertCaught(AdapterRules::adaptersDoNotDependOnBootstrap, "adapterbootstrap",
                "adapter.messaging.OutboxRelay");
    }

    @Test
    void only_bootstrap_declares_configuration_catches_every_wiring_annotation() {
        assertCaught(WiringRules::onlyBootstrapDeclaresConfiguration, "rogueconfig",
                "adapter.persistence.PersistenceConfig",          // @Configuration
                "adapter.web.WebApplication",                     // @SpringBootApplication
                "adapter.web.WebBootConfiguration",               // @SpringBootConfiguration
                "adapter.messaging.MessagingAutoConfiguration",   // @AutoConfiguration
                "adapter.messaging.MessagingScan",                // @ComponentScan
                "adapter.messaging.RelaySchedule",                // @EnableScheduling
                "application.EnablesTransactions",                // @EnableTransactionManagement
                "adapter.web.WebSetup")                           // @Configuration, composed
                .butNot("bootstrap.RealConfig")
                .butNot("adapter.web.WebSetup$AdapterConfiguration"); // the rule is about annotated classes, not annotation types
    }

    @Test
    void only_bootstrap_declares_beans_catches_bean_methods_elsewhere() {
        assertCaught(WiringRules::onlyBootstrapDeclaresBeans, "roguebean",
                "adapter.web.WebBeans.clock()", "application.UseCaseBeans.useCaseName()");
    }

    @Test
    void ports_are_declared_in_domain_or_application_catches_ports_in_adapters() {
        assertCaught(PortRules::portsAreDeclaredInDomainOrApplication, "adapterport",
                "adapter.persistence.ItemRepository",
                "adapter.web.port.ItemLookup",
                "adapter.web.TagRowRepository")
                .butNot("adapter.persistence.TagRowRepository");
    }

    @Test
    void the_contract_depends_only_on_the_jdk_and_jackson_catches_the_domain_and_a_framework_in_it() {
        assertCaught(ContractRules::contractDependsOnlyOnJdkAndJackson, "contractleak",
                "event.contract.ItemCreated", "event.contract.ItemTopic")
                .butNot("event.contract.ItemDeleted")
                .butNot("event.contract.ItemTopicName");
    }

    @Test
    void consumer_kit_depends_on_nothing_of_the_platform_but_the_contract_catches_domain_and_adapter_classes() {
        assertCaught(ConsumerKitRules::consumerKitDependsOnNothingOfThePlatformButTheContract, "consumerleak",
                "event.consumer.DomainProjection", "event.consumer.RowCopier")
                .butNot("event.consumer.ContractOnly");
    }

    @Test
    void consumer_kit_uses_its_optional_dependencies_in_one_place_each_catches_spring_micrometer_and_opentelemetry_elsewhere() {
        assertCaught(ConsumerKitRules::consumerKitUsesItsOptionalDependenciesInOnePlaceEach, "kitoptional",
                "event.consumer.ConsumerMetrics", "event.consumer.TrellisEventConsumer", "event.consumer.spring.TimedListener",
                "event.consumer.TracedHandler")
                .butNot("event.consumer.spring.TrellisBatchListener")
                .butNot("event.consumer.micrometer.MicrometerConsumerMetrics")
                .butNot("event.consumer.opentelemetry.OpenTelemetryEventTracing");
        assertCaught(ConsumerKitRules::consumerKitUsesItsOptionalDependenciesInOnePlaceEach, "kitreach",
                "event.consumer.RecordLoop", "event.consumer.MetricsOnStart");
    }

    @Test
    void graph_projection_depends_on_nothing_of_the_platform_but_the_contract_and_the_kit_catches_every_layer_in_it() {
        assertCaught(GraphProjectionRules::graphProjectionDependsOnNothingOfThePlatformButTheContractAndTheKit, "graphleak",
                "graph.DomainGraph", "graph.TitleLookup", "graph.neo4j.RowWriter", "graph.GraphSettings")
                .butNot("graph.KitOnly");
    }

    @Test
    void no_package_cycles_catches_two_features_that_use_each_other() {
        assertCaught(StructureRules::noPackageCycles, "cycles",
                "application.item.ItemLinks", "application.tag.TagLinks",
                "bootstrap.App", "bootstrap.command.SnapshotCommand");
    }

    @Test
    void application_features_do_not_depend_on_each_other_catches_item_reading_tag_but_allows_the_shared_rooms() {
        assertCaught(StructureRules::applicationFeaturesDoNotDependOnEachOther, "features",
                "application.item.CreateItem")
                .butNotAsOrigin("application.tag.TagLookup")
                .butNotText("depends on application feature 'event'");
    }

    @Test
    void only_auth_flows_reach_auth_internals_catches_another_feature_and_the_web_adapter() {
        assertCaught(StructureRules::onlyAuthFlowsReachAuthInternals, "authinternals",
                "application.item.ItemOwnerSession", "adapter.web.SessionPeek")
                .butNot("application.auth.password.SignIn")
                .butNot("bootstrap.AuthWiring");
    }

    @Test
    void port_implementations_live_in_driven_adapters_catches_the_driving_side_and_bootstrap() {
        assertCaught(StructureRules::portImplementationsLiveInDrivenAdapters, "portimpl",
                "adapter.web.ItemCache", "bootstrap.StubSigner")
                .butNot("adapter.persistence.ItemPersistenceAdapter")
                .butNot("adapter.web.auth.out.HmacTokenSigner");
    }

    @Test
    void controllers_do_not_depend_on_each_other_catches_a_borrowed_helper() {
        assertCaught(StructureRules::controllersDoNotDependOnEachOther, "controllers",
                "adapter.web.item.ItemController")
                .butNotAsOrigin("adapter.web.tag.TagController");
    }

    @Test
    void only_error_rooms_declare_controller_advice_catches_advice_in_feature_rooms() {
        assertCaught(StructureRules::onlyErrorRoomsDeclareControllerAdvice, "advice",
                "adapter.web.item.ItemErrors", "adapter.web.tag.TagErrors")
                .butNot("adapter.web.error.ErrorAdvice")
                .butNot("adapter.web.auth.in.error.AuthErrors");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allRules")
    void every_rule_accepts_a_compliant_hexagon(Function<String, ArchRule> rule) {
        ArchRule compliant = rule.apply("planted.compliant");
        assertThatCode(() -> compliant.check(importPlanted("compliant"))).doesNotThrowAnyException();
    }

    static Stream<Named<Function<String, ArchRule>>> allRules() {
        return Stream.of(
                Named.of("domainIsPure", LayerRules::domainIsPure),
                Named.of("applicationDependsOnlyOnDomainAndTransactions", LayerRules::applicationDependsOnlyOnDomainAndTransactions),
                Named.of("innerLayersDoNotDependOnAdaptersOrBootstrap", LayerRules::innerLayersDoNotDependOnAdaptersOrBootstrap),
                Named.of("adaptersDoNotDependOnEachOther", AdapterRules::adaptersDoNotDependOnEachOther),
                Named.of("adaptersDoNotDependOnBootstrap", AdapterRules::adaptersDoNotDependOnBootstrap),
                Named.of("onlyBootstrapDeclaresConfiguration", WiringRules::onlyBootstrapDeclaresConfiguration),
                Named.of("onlyBootstrapDeclaresBeans", WiringRules::onlyBootstrapDeclaresBeans),
                Named.of("portsAreDeclaredInDomainOrApplication", PortRules::portsAreDeclaredInDomainOrApplication),
                Named.of("contractDependsOnlyOnJdkAndJackson", ContractRules::contractDependsOnlyOnJdkAndJackson),
                Named.of("consumerKitDependsOnNothingOfThePlatformButTheContract",
                        ConsumerKitRules::consumerKitDependsOnNothingOfThePlatformButTheContract),
                Named.of("consumerKitUsesItsOptionalDependenciesInOnePlaceEach",
                        ConsumerKitRules::consumerKitUsesItsOptionalDependenciesInOnePlaceEach),
                Named.of("graphProjectionDependsOnNothingOfThePlatformButTheContractAndTheKit",
                        GraphProjectionRules::graphProjectionDependsOnNothingOfThePlatformButTheContractAndTheKit),
                Named.of("noPackageCycles", StructureRules::noPackageCycles),
                Named.of("applicationFeaturesDoNotDependOnEachOther", StructureRules::applicationFeaturesDoNotDependOnEachOther),
                Named.of("onlyAuthFlowsReachAuthInternals", StructureRules::onlyAuthFlowsReachAuthInternals),
                Named.of("portImplementationsLiveInDrivenAdapters", StructureRules::portImplementationsLiveInDrivenAdapters),
                Named.of("controllersDoNotDependOnEachOther", StructureRules::controllersDoNotDependOnEachOther),
                Named.of("onlyErrorRoomsDeclareControllerAdvice", StructureRules::onlyErrorRoomsDeclareControllerAdvice));
    }

    // --- helpers

    /** All planted cases, imported once; each test looks at its own case only. */
    private static final JavaClasses PLANTED = new ClassFileImporter().importPackages("planted");

    private static JavaClasses importPlanted(String plantedCase) {
        return PLANTED.that(resideInAPackage("planted." + plantedCase + ".."));
    }

    /** Checks the rule, rooted at {@code planted.<case>}, and expects each offender in the failure report. */
    private static Caught assertCaught(Function<String, ArchRule> rule, String plantedCase, String... offenders) {
        String root = "planted." + plantedCase;
        ArchRule rooted = rule.apply(root);
        JavaClasses planted = importPlanted(plantedCase);
        Throwable failure = catchThrowable(() -> rooted.check(planted));
        assertThat(failure)
                .as("'%s' must fail on %s", rooted.getDescription(), root)
                .isInstanceOf(AssertionError.class);
        for (String offender : offenders) {
            assertThat(failure.getMessage())
                    .as("the failure names <%s.%s>", root, offender)
                    .contains("<" + root + "." + offender);
        }
        return new Caught(root, failure.getMessage());
    }

    private record Caught(String root, String report) {
        Caught butNot(String innocent) {
            assertThat(report)
                    .as("the failure does not blame <%s.%s>", root, innocent)
                    .doesNotContain("<" + root + "." + innocent);
            return this;
        }

        /** The innocent may be named as a target ({@code calls <innocent...>}), never as the one that depends. */
        Caught butNotAsOrigin(String innocent) {
            String name = "<" + root + "." + innocent;
            for (String line : report.split("\n")) {
                int first = line.indexOf('<');
                assertThat(first >= 0 && line.startsWith(name, first))
                        .as("the failure does not blame <%s.%s>: %s", root, innocent, line)
                        .isFalse();
            }
            return this;
        }

        Caught butNotText(String text) {
            assertThat(report).as("the failure does not say '%s'", text).doesNotContain(text);
            return this;
        }
    }
}
