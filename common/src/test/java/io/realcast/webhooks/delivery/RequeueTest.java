package io.realcast.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RequeueTest {
  private static final Topics TOPICS = new Topics("p.", RetrySchedule.DEFAULT);

  @Test
  void shouldSendTheSameDeliveryAgainFromItsFirstAttemptUnderItsWebhookId() {
    Delivery tried = DeliveryCodecTest.delivery("{\"a\":1}".getBytes(StandardCharsets.UTF_8))
        .after(new Attempt(1, Instant.EPOCH, 5, 500, null, AttemptResult.TEMPORARY), Instant.EPOCH.plusSeconds(1));

    ProducerRecord<String, byte[]> r = Requeue.record(TOPICS, tried, Optional.empty());

    assertThat(r.topic()).isEqualTo("p.realcast.deliveries");
    assertThat(r.key()).isEqualTo(tried.webhookId().value());
    assertThat(DeliveryCodec.decodeDelivery(r.value())).isEqualTo(tried.restarted());
    assertThat(Requeue.replayId(r.headers())).isEmpty();
  }

  @Test
  void shouldMarkARecordWithTheReplayThatQueuedIt() {
    ProducerRecord<String, byte[]> r = Requeue.record(TOPICS, DeliveryCodecTest.delivery(new byte[] {'{', '}'}), Optional.of("rpl_1"));
    assertThat(Requeue.replayId(r.headers())).contains("rpl_1");
    assertThat(Requeue.replayId(null)).isEmpty();
  }
}
