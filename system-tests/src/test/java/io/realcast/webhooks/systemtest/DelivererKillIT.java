package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
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

/** Scenario 1: a deliverer killed with SIGKILL mid-load and restarted loses nothing. */
@ExtendWith(ForkedBrokerExtension.class)
class DelivererKillIT {

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldLoseNoDeliveryWhenADelivererIsKilledMidLoadAndRestarted(ForkedKafkaBroker broker) {
    try (ScenarioRun run = new ScenarioRun(ScenarioInfo.KILL_DELIVERER, "kd", broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      List<AppId> apps = run.seedStandardSubscriptions(3);
      ServiceProcess deliverer = run.killMidLoadAndRestart(apps, ScenarioRun.Pipeline::deliverer, Duration.ofSeconds(90))
          .deliverer();

      Ledger.Report report = run.verify();
      assertThat(deliverer.pids()).hasSize(2);
      assertThat(report.expected()).isGreaterThan(2000);
    }
  }
}
