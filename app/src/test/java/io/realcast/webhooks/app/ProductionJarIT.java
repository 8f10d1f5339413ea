package io.realcast.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar deploy/Dockerfile ships, {@code app/target/realcast.jar} (built in the package phase, before this
 * tier): its listing holds the services and none of the benchmark, demo, test broker, test kit or JUnit.
 */
class ProductionJarIT {
  private static final Path JAR = Path.of("target", "realcast.jar");

  @Test
  void shouldShipTheServicesAndNoBenchmarkDemoBrokerOrTestClasses() throws Exception {
    assertThat(JAR).as("the shaded production jar").exists();
    List<String> entries;
    String mainClass;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      entries = jar.stream().map(ZipEntry::getName).toList();
      mainClass = jar.getManifest().getMainAttributes().getValue("Main-Class");
    }

    assertThat(mainClass).isEqualTo(RealcastCli.class.getName());
    assertThat(entries).contains(
        "io/realcast/webhooks/app/RealcastCli.class",
        "io/realcast/webhooks/router/RouterService.class",
        "io/realcast/webhooks/deliverer/DelivererService.class",
        "io/realcast/webhooks/api/ApiService.class",
        "io/realcast/webhooks/verifier/WebhookVerifier.class");
    assertThat(entries).as("tools and test code in the image").noneMatch(e -> e.startsWith("io/realcast/webhooks/bench/")
        || e.startsWith("io/realcast/webhooks/tools/") || e.startsWith("io/realcast/webhooks/testkit/")
        || e.startsWith("io/realcast/webhooks/kafka/embedded/") || e.startsWith("io/realcast/webhooks/testing/"));
    assertThat(entries).as("a Kafka broker or a test framework in the image").noneMatch(e -> e.startsWith("kafka/server/")
        || e.startsWith("org/apache/kafka/raft/") || e.startsWith("org/junit/")
        || e.startsWith("org/assertj/") || e.startsWith("org/opentest4j/"));
    assertThat(Files.size(JAR)).as("bytes").isPositive();
  }
}
