package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.systemtest.harness.Deadline;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Publisher;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ScenarioRun;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.testkit.Ledger;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 5: two deliverers restarted one after the other (SIGTERM, start) while delivering. */
@ExtendWith(ForkedBrokerExtension.class)
class RollingRestartIT {

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldLoseAndDeadLetterNothingDuringARollingRestartOfTwoDeliverers(ForkedKafkaBroker broker) {
    try (ScenarioRun run = new ScenarioRun(ScenarioInfo.ROLLING_RESTART, "rr", broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      List<AppId> apps = run.seedStandardSubscriptions(3);
      ServiceProcess router = run.sut().startRouter("router", Map.of());
      ServiceProcess first = run.sut().startDeliverer("deliverer-1", Map.of());
      ServiceProcess second = run.sut().startDeliverer("deliverer-2", Map.of());
      run.sut().awaitHealthy(router, Duration.ofSeconds(90));
      run.sut().awaitHealthy(first, Duration.ofSeconds(60));
      run.sut().awaitHealthy(second, Duration.ofSeconds(60));

      List<RawEvent> events = run.load(apps, 3, 25);
      CompletableFuture<Void> publication = run.publish(events, Duration.ofSeconds(12));
      Ledger ledger = run.ledger();
      Deadline.await("some deliveries", Duration.ofSeconds(60), () -> ledger.deliveredHealthy() > 300);
      for (ServiceProcess deliverer : List.of(first, second)) {
        long before = ledger.deliveredHealthy();
        deliverer.stop();
        deliverer.start();
        run.sut().awaitHealthy(deliverer, Duration.ofSeconds(60));
        run.figures().put("delivered when " + deliverer.name() + " stopped", before);
      }
      Publisher.await(publication, Duration.ofSeconds(60));
      run.awaitAllDelivered(Duration.ofSeconds(90));

      Ledger.Report report = run.verify();
      assertThat(report.deadLetters()).isZero();
      assertThat(first.pids()).hasSize(2);
      assertThat(second.pids()).hasSize(2);
    }
  }
}
