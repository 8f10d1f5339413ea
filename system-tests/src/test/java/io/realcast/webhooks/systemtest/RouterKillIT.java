package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Records;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ScenarioRun;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.testkit.Ledger;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2: a router killed with SIGKILL mid-load creates no delivery twice (exactly-once) and loses none, while
 * every seventh raw event is published twice with the same id (duplicates are absorbed, across the kill too).
 */
@ExtendWith(ForkedBrokerExtension.class)
class RouterKillIT {

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldCreateEachDeliveryOnceWhenARouterIsKilledMidLoadAndRestarted(ForkedKafkaBroker broker) {
    try (ScenarioRun run = new ScenarioRun(ScenarioInfo.KILL_ROUTER, "kr", broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      List<AppId> apps = run.seedStandardSubscriptions(3);
      ServiceProcess router = run.killMidLoadAndRestart(apps, ScenarioRun.Pipeline::router, Duration.ofSeconds(120), 7).router();

      List<Delivery> created = Records.deliveries(run.sut());
      long distinct = created.stream().map(d -> d.id().value()).distinct().count();
      run.figures().put("raw events published twice", run.publisher().duplicates())
          .put("delivery records (read_committed)", created.size()).put("distinct delivery ids", distinct);
      Ledger.Report report = run.verify();
      assertThat(created).as("delivery records in realcast.deliveries").hasSize(report.expected());
      assertThat(distinct).as("distinct delivery ids").isEqualTo(report.expected());
      assertThat(router.pids()).hasSize(2);
      assertThat(run.publisher().duplicates()).isGreaterThan(100);
    }
  }
}
