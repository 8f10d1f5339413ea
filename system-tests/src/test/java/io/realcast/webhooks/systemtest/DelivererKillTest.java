package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.kafka.embedded.ForkedKafkaBroker;
import io.realcast.webhooks.systemtest.harness.Deadline;
import io.realcast.webhooks.systemtest.harness.Endpoint;
import io.realcast.webhooks.systemtest.harness.Figures;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Ledger;
import io.realcast.webhooks.systemtest.harness.LoadPlan;
import io.realcast.webhooks.systemtest.harness.Publisher;
import io.realcast.webhooks.systemtest.harness.Receiver;
import io.realcast.webhooks.systemtest.harness.Records;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.systemtest.harness.Subscriptions;
import io.realcast.webhooks.systemtest.harness.SystemUnderTest;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.time.Instant;
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
    Figures figures = new Figures(ScenarioInfo.KILL_DELIVERER);
    Ledger ledger = new Ledger();
    try (SystemUnderTest sut = new SystemUnderTest("kill-deliverer", broker.bootstrapServers(), RetrySchedule.parse("1s,2s,4s"));
        Receiver receiver = Receiver.start(sut.vertx(), ledger);
        Publisher publisher = new Publisher(sut.kafka(), ledger)) {
      List<AppId> apps = Subscriptions.apps("kd", 3);
      List<Endpoint> endpoints = Subscriptions.standard("kd", apps, receiver::url, false);
      Subscriptions.seed(sut, ledger, endpoints);
      ServiceProcess router = sut.startRouter("router", Map.of());
      ServiceProcess deliverer = sut.startDeliverer("deliverer", Map.of());
      sut.awaitHealthy(router, Duration.ofSeconds(90));
      sut.awaitHealthy(deliverer, Duration.ofSeconds(60));

      List<RawEvent> events = LoadPlan.streams("kd", apps, 3, 25, Instant.now());
      CompletableFuture<Void> publication = publisher.publish(events, Duration.ofSeconds(10));
      Deadline.await("a third of the deliveries", Duration.ofSeconds(60),
          () -> ledger.deliveredHealthy() > ledger.expectedCount() / 3 && ledger.deliveredHealthy() > 300);
      long deliveredAtKill = ledger.deliveredHealthy();
      deliverer.kill();
      deliverer.start();
      Publisher.await(publication, Duration.ofSeconds(60));
      Deadline.await("every delivery at the receiver", Duration.ofSeconds(90), ledger::allHealthyArrived,
          () -> ledger.deliveredHealthy() + "/" + ledger.expectedHealthy() + "\n" + deliverer.logTail(20));

      Ledger.Report report = ledger.report(Records.deadLetters(sut));
      figures.ledger(report).put("delivered before the kill", deliveredAtKill).put("deliverer pids", deliverer.pids()).write();
      assertThat(deliverer.pids()).hasSize(2);
      assertThat(report.missing()).as(report.summary()).isEmpty();
      assertThat(report.unexpected()).as(report.summary()).isEmpty();
      assertThat(report.unexplainedDeadLetters()).as(report.summary()).isEmpty();
      assertThat(report.badSignatures()).as(report.summary()).isZero();
      assertThat(report.expected()).isGreaterThan(2000);
    }
  }
}
