package io.realcast.webhooks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.router.RouterConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The whole bench at a tiny scale on the shared broker: it runs, balances its ledger, and writes its files. */
@ExtendWith(KafkaBrokerExtension.class)
class BenchSmokeIT {

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldRunATinyFanoutWithABalancedLedgerAndWriteJsonMarkdownAndPng(@BootstrapServers String bootstrap,
      @TempDir Path out) throws Exception {
    BenchOptions options = BenchOptions.defaults(Scenario.FANOUT)
        .withTimes(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(60))
        .withShape(3, 2, 3, 2)
        .withInFlight(4)
        .withRun(Optional.of(bootstrap), RouterConfig.defaultCommitPace(), "128m", false, out, "smoke", "smoke test");

    BenchReport report = new BenchRunner(options, Clock.systemUTC()).run();

    assertThat(report.ceiling().requests()).isPositive();
    assertThat(report.ledger().balanced()).as("ledger %s", report.ledger()).isTrue();
    assertThat(report.ledger().deadLettered()).isZero();
    assertThat(report.ledger().missing()).isZero();
    assertThat(report.phases()).extracting(BenchReport.Phase::name)
        .contains("ceiling", "fanout capacity", "fanout latency");
    assertThat(report.phases()).filteredOn(p -> p.kind().equals("capacity"))
        .allSatisfy(p -> assertThat(p.load().healthyPerSecond()).isPositive())
        .allSatisfy(p -> assertThat(p.brokerRequestsPerThousandAttempts()).as("the broker's requests in " + p.name())
            .containsKeys("Produce", "Fetch", "EndTxn").allSatisfy((api, n) -> assertThat(n).isNotNegative()));
    assertThat(report.deliverers()).singleElement().satisfies(d -> assertThat(d.attempts()).isPositive());
    JsonNode json = Json.readTree(Files.readAllBytes(out.resolve("smoke.json")));
    assertThat(json.path("ledger").path("balanced").asBoolean()).isTrue();
    assertThat(Files.readString(out.resolve("smoke.md"))).contains("| fanout capacity |", "Ledger:", "balanced",
        "Requests the broker answered per 1,000 attempts");
    BufferedImage chart = ImageIO.read(out.resolve("smoke.png").toFile());
    assertThat(chart.getWidth()).isGreaterThan(500);
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldMeasureOneWebhookAloneAgainstAFastAndADelayedReceiver(@BootstrapServers String bootstrap, @TempDir Path out)
      throws Exception {
    BenchOptions options = BenchOptions.defaults(Scenario.SINGLE)
        .withTimes(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(60))
        .withShape(3, 2, 3, 2)
        .withInFlight(4)
        .withRun(Optional.of(bootstrap), RouterConfig.defaultCommitPace(), "128m", false, out, "single", "smoke test")
        .withEndpointDelay(Duration.ofMillis(20));

    BenchReport report = new BenchRunner(options, Clock.systemUTC()).run();

    assertThat(report.ledger().balanced()).as("ledger %s", report.ledger()).isTrue();
    assertThat(report.phases()).extracting(BenchReport.Phase::name)
        .contains("fanout capacity", "single capacity", "single delayed capacity");
    BenchReport.Phase delayed = report.phases().stream().filter(p -> p.name().equals("single delayed capacity")).findFirst()
        .orElseThrow();
    // The most one webhook may have in flight, against a receiver answering after 20 ms, cannot beat that many per 20 ms.
    int inFlight = DelivererConfig.MAX_IN_FLIGHT_PER_WEBHOOK_CEILING.defaultValue();
    assertThat(delayed.load().healthyPerSecond()).isPositive().isLessThan(inFlight * 1000.0 / 20 * 1.2);
    assertThat(report.targets()).extracting(BenchReport.Target::name)
        .contains("one webhook, fast receiver", "one webhook, receiver answering after 20 ms");
    assertThat(Files.readString(out.resolve("single.md"))).contains("| single delayed capacity |");
  }
}
