package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.kafka.embedded.ForkedKafkaBroker;
import io.realcast.webhooks.systemtest.harness.Deadline;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Ledger;
import io.realcast.webhooks.systemtest.harness.Publisher;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ScenarioRun;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 1: a deliverer killed with SIGKILL mid-load and restarted loses nothing. */
@ExtendWith(ForkedBrokerExtension.class)
class DelivererKillTest {

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldLoseNoDeliveryWhenADelivererIsKilledMidLoadAndRestarted(ForkedKafkaBroker broker) {
    try (ScenarioRun run = new ScenarioRun(ScenarioInfo.KILL_DELIVERER, "kd", broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      List<AppId> apps = run.seedStandardSubscriptions(3);
      ServiceProcess router = run.sut().startRouter("router", Map.of());
      ServiceProcess deliverer = run.sut().startDeliverer("deliverer", Map.of());
      run.sut().awaitHealthy(router, Duration.ofSeconds(90));
      run.sut().awaitHealthy(deliverer, Duration.ofSeconds(60));

      List<RawEvent> events = run.load(apps, 3, 25);
      CompletableFuture<Void> publication = run.publish(events, Duration.ofSeconds(8));
      Ledger ledger = run.ledger();
      Deadline.await("a third of the deliveries", Duration.ofSeconds(60), () -> ledger.deliveredHealthy() > 600);
      run.figures().put("delivered before the kill", ledger.deliveredHealthy());
      deliverer.kill();
      deliverer.start();
      Publisher.await(publication, Duration.ofSeconds(60));
      run.awaitAllDelivered(Duration.ofSeconds(90));

      Ledger.Report report = run.verify();
      assertThat(deliverer.pids()).hasSize(2);
      assertThat(report.expected()).isGreaterThan(2000);
    }
  }
}
