package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.systemtest.harness.BlockingHttp;
import io.realcast.webhooks.systemtest.harness.Deadline;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Publisher;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ScenarioRun;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.testkit.Ledger;
import io.realcast.webhooks.topic.RetrySchedule;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 3: the broker process is killed with SIGKILL mid-load and restarted on the same data directory and
 * ports; router, deliverer and api must carry on without a restart or a manual step. The scenario has a broker
 * of its own, so the other scenarios' shared broker is never touched.
 */
class BrokerRestartIT {
  private static final String ADMIN_KEY = "admin-key-for-the-broker-restart-scenario";

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldRecoverEveryServiceWithoutAManualStepWhenTheBrokerIsKilledAndRestarted() {
    try (ForkedKafkaBroker broker = ForkedBrokerExtension.newBroker();
        ScenarioRun run = new ScenarioRun(ScenarioInfo.BROKER_RESTART, "br", broker.bootstrapServers(),
            RetrySchedule.parse("1s,2s,4s"))) {
      List<AppId> apps = run.seedStandardSubscriptions(3);
      ServiceProcess router = run.sut().startRouter("router", Map.of());
      ServiceProcess deliverer = run.sut().startDeliverer("deliverer", Map.of());
      ServiceProcess api = run.sut().startApi("api", ADMIN_KEY, Map.of());
      run.sut().awaitHealthy(router, Duration.ofSeconds(90));
      run.sut().awaitHealthy(deliverer, Duration.ofSeconds(60));
      run.sut().awaitHealthy(api, Duration.ofSeconds(60));

      List<RawEvent> events = run.load(apps, 3, 25);
      CompletableFuture<Void> publication = run.publish(events, Duration.ofSeconds(10));
      Ledger ledger = run.ledger();
      Deadline.await("a third of the deliveries", Duration.ofSeconds(60), () -> ledger.deliveredHealthy() > 600);
      run.figures().put("delivered before the broker was killed", ledger.deliveredHealthy());
      long brokerPid = broker.pid();
      broker.kill();
      long killedAt = System.nanoTime();
      broker.start();
      run.figures().put("broker down seconds", (System.nanoTime() - killedAt) / 1_000_000_000L)
          .put("broker pids", brokerPid + " -> " + broker.pid());
      Publisher.await(publication, Duration.ofSeconds(150));
      run.awaitAllDelivered(Duration.ofSeconds(150));

      run.verify();
      run.assertNeverRestarted(router, deliverer, api);
      run.sut().awaitHealthy(router, Duration.ofSeconds(30));
      run.sut().awaitHealthy(deliverer, Duration.ofSeconds(30));
      run.sut().awaitHealthy(api, Duration.ofSeconds(30));
      // The API writes again: a new app is acknowledged by the restarted broker and readable at once.
      BlockingHttp.Response created = run.sut().http().send(HttpMethod.POST, api.metricsPort(), "/v1/apps",
          Map.of("Authorization", "Bearer " + ADMIN_KEY, "Content-Type", "application/json"),
          "{\"name\":\"after the outage\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(broker.pid()).isNotEqualTo(brokerPid);
    }
  }
}
