package io.realcast.webhooks.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * Who may use whom (docs/ARCHITECTURE.md, "Modules and layers"), as ArchUnit rules over the compiled classes.
 * The services (router, deliverer, api) never use each other; nothing that ships uses the benchmark, the tools,
 * the embedded broker, the test kit or JUnit; the verifier uses nothing of ours.
 */
final class Layers {
  private static final String ROOT = "io.realcast.webhooks.";
  static final String ROUTER = ROOT + "router..";
  static final String DELIVERER = ROOT + "deliverer..";
  static final String API = ROOT + "api..";
  /** What only developers and tests run: never a dependency of anything that ships. */
  static final String[] NOT_SHIPPED = {
      ROOT + "bench..", ROOT + "tools..", ROOT + "testkit..", ROOT + "kafka.embedded..", "org.junit..", "org.assertj.."};
  /**
   * The packages of the shipped modules: verifier, common (its root and {@code kafka} packages exactly, since
   * {@code kafka.embedded} is the test broker), producer, the services and the production launcher.
   */
  static final String[] SHIPPED = {
      "io.realcast.webhooks", ROOT + "kafka", ROOT + "verifier..", ROOT + "config..", ROOT + "delivery..", ROOT + "event..",
      ROOT + "id..", ROOT + "json..", ROOT + "lifecycle..", ROOT + "metrics..", ROOT + "net..", ROOT + "signing..",
      ROOT + "subscription..", ROOT + "topic..", ROOT + "producer..", ROUTER, DELIVERER, API, ROOT + "app.."};

  private Layers() {}

  static final ArchRule ROUTER_USES_NO_OTHER_SERVICE = service(ROUTER, DELIVERER, API);
  static final ArchRule DELIVERER_USES_NO_OTHER_SERVICE = service(DELIVERER, ROUTER, API);
  static final ArchRule API_USES_NO_OTHER_SERVICE = service(API, ROUTER, DELIVERER);

  static final ArchRule SHIPPED_CODE_USES_NO_TOOL_OR_TEST_CODE = noClasses().that().resideInAnyPackage(SHIPPED)
      .should().dependOnClassesThat().resideInAnyPackage(NOT_SHIPPED)
      .because("the image carries the services only: no benchmark, demo, test broker or test harness");

  static final ArchRule LIBRARIES_USE_NO_SERVICE = noClasses().that().resideInAnyPackage(
          ROOT + "verifier..", ROOT + "config..", ROOT + "delivery..", ROOT + "event..", ROOT + "json..", ROOT + "signing..",
          ROOT + "subscription..", ROOT + "topic..", ROOT + "producer..")
      .should().dependOnClassesThat().resideInAnyPackage(ROUTER, DELIVERER, API, ROOT + "app..")
      .because("common, the verifier and the producer library sit below every service");

  static final ArchRule VERIFIER_USES_ONLY_THE_JDK = noClasses().that().resideInAPackage(ROOT + "verifier..")
      .should().dependOnClassesThat().resideOutsideOfPackages(ROOT + "verifier..", "java..", "javax..")
      .because("receivers add realcast-webhooks-verifier alone");

  static List<ArchRule> all() {
    return List.of(ROUTER_USES_NO_OTHER_SERVICE, DELIVERER_USES_NO_OTHER_SERVICE, API_USES_NO_OTHER_SERVICE,
        SHIPPED_CODE_USES_NO_TOOL_OR_TEST_CODE, LIBRARIES_USE_NO_SERVICE, VERIFIER_USES_ONLY_THE_JDK);
  }

  private static ArchRule service(String self, String... others) {
    return noClasses().that().resideInAPackage(self).should().dependOnClassesThat().resideInAnyPackage(others)
        .because("services talk through Kafka topics only, so each can be deployed and scaled alone");
  }
}
