package io.realcast.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.realcast.webhooks.router.forbidden.ImportsAnotherServiceAndTheTestKit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of docs/ARCHITECTURE.md hold for every shipped class, and the rules do catch a forbidden import. */
class LayersTest {
  private static JavaClasses shipped;

  @BeforeAll
  static void importMainClasses() {
    // This module's test class path holds the main classes of every module it ships, and of the test kit;
    // test classes (this module's, and common's test-jar) are left out.
    shipped = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar")).importPackages("io.realcast.webhooks");
  }

  @Test
  void shouldKeepEveryLayerRule() {
    assertThat(shipped.stream().map(c -> c.getPackageName()))
        .as("classes of each service were imported").contains("io.realcast.webhooks.router", "io.realcast.webhooks.deliverer",
            "io.realcast.webhooks.api", "io.realcast.webhooks.verifier", "io.realcast.webhooks.app");
    for (ArchRule rule : Layers.all()) {
      rule.check(shipped);
    }
  }

  @Test
  void shouldFailOnAServiceThatImportsAnotherServiceOrTheTestKit() {
    JavaClasses forbidden = new ClassFileImporter().importClasses(ImportsAnotherServiceAndTheTestKit.class);

    EvaluationResult services = Layers.ROUTER_USES_NO_OTHER_SERVICE.evaluate(forbidden);
    EvaluationResult shippedCode = Layers.SHIPPED_CODE_USES_NO_TOOL_OR_TEST_CODE.evaluate(forbidden);

    assertThat(services.hasViolation()).isTrue();
    assertThat(services.getFailureReport().toString()).contains("io.realcast.webhooks.deliverer.DelivererConfig");
    assertThat(shippedCode.hasViolation()).isTrue();
    assertThat(shippedCode.getFailureReport().toString()).contains("io.realcast.webhooks.testkit.TopicReader");
  }
}
