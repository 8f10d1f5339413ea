package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.deliverer.testing.DeliveryFixture;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests queued behind our own requests for a pooled connection to the same host are not the
 * endpoint's fault: the attempt timeout starts once a connection is ours. Before that rule, a healthy
 * but busy host timed out and was retried, multiplying load exactly when it was highest.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PoolQueueingIT {

  @Test
  void shouldNotTimeOutRequestsWaitingForAPooledConnectionToAHealthyHost(@BootstrapServers String bootstrap) throws Exception {
    ScriptedReceiver receiver = ScriptedReceiver.start();
    // Each answer holds its connection ~400 ms; 2 connections serve 12 requests in ~2.4 s, well past the 1 s timeout.
    receiver.always("/busy", Reply.slowBody(200, 4, Duration.ofMillis(100)));
    try (DeliveryFixture fixture = new DeliveryFixture(bootstrap, TestTopics.unique("pool"), RetrySchedule.parse("100ms"), 1)) {
      fixture.startDeliverer(c -> c.withHttp(c.http().withAttemptTimeout(Duration.ofSeconds(1)).withPoolSizePerHost(2)));
      fixture.awaitDelivering(receiver);
      Subscription hook = fixture.subscribe(receiver.url("/busy"));
      List<Delivery> deliveries = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        deliveries.add(fixture.delivery(hook, WebhookEventType.CHAT_MESSAGE_NEW));
      }
      fixture.sendAll(deliveries);

      List<AttemptLog> logs = fixture.attempts().await(l -> l.webhookId().equals(hook.id()), 12, Duration.ofSeconds(60));
      assertThat(logs).allSatisfy(l -> {
        assertThat(l.attempt().number()).isEqualTo(1);
        assertThat(l.attempt().result()).isEqualTo(AttemptResult.DELIVERED);
      });
      assertThat(logs).extracting(AttemptLog::deliveryId).containsExactlyInAnyOrderElementsOf(
          deliveries.stream().map(Delivery::id).toList());
    } finally {
      receiver.close();
    }
  }
}
