package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.delivery.DeadReason;
import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.deliverer.testing.DeliveryFixture;
import io.realcast.webhooks.testkit.receiver.RecordedRequest;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed's real schedule, measured at the receiver: retries 1 s, 5 s and 25 s apart, then dead. */
@ExtendWith(KafkaBrokerExtension.class)
class RetryScheduleTimingIT {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldRetryAfterOneFiveAndTwentyFiveSecondsThenDeadLetter(@BootstrapServers String bootstrap) throws Exception {
    try (ScriptedReceiver receiver = ScriptedReceiver.start();
        DeliveryFixture fixture = new DeliveryFixture(bootstrap, TestTopics.unique("timing"), RetrySchedule.DEFAULT, 2)) {
      fixture.startDeliverer(c -> c);
      fixture.awaitDelivering(receiver);
      receiver.always("/failing", Reply.status(500));
      Subscription hook = fixture.subscribe(receiver.url("/failing"));
      Delivery delivery = fixture.deliver(hook, WebhookEventType.STREAM_LIVE);

      List<RecordedRequest> requests = receiver.await("/failing", 4, Duration.ofSeconds(90));
      DeadLetter dead = fixture.dead().await(d -> d.delivery().id().equals(delivery.id()), 1, Duration.ofSeconds(30)).get(0);

      assertThat(requests).extracting(RecordedRequest::attempt).containsExactly(1, 2, 3, 4);
      assertThat(requests).extracting(RecordedRequest::webhookId).containsOnly(delivery.id().value());
      long[] expected = {1_000, 5_000, 25_000};
      for (int i = 0; i < 3; i++) {
        long gap = TimeUnit.NANOSECONDS.toMillis(requests.get(i + 1).arrivedNanos() - requests.get(i).arrivedNanos());
        // Never early; late by at most the poll interval plus scheduling on a busy 2-core machine.
        assertThat(gap).as("gap before attempt %d", i + 2).isBetween(expected[i], expected[i] + 1_500);
      }
      assertThat(dead.reason()).isEqualTo(DeadReason.RETRIES_EXHAUSTED);
      assertThat(dead.delivery().attempts()).hasSize(4);
    }
  }
}
