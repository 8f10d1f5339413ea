package io.realcast.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.testing.WebhookBodies;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryCodecTest {
  static final Instant T = Instant.parse("2024-12-09T10:00:00.5Z");

  static Delivery delivery(byte[] body) {
    return Delivery.first(WebhookId.of("wh_1"), AppId.of("app_1"), WebhookEventType.CHAT_MESSAGE_NEW, EventId.of("evt_1"), T,
        T.plusMillis(7), body);
  }

  @Test
  void shouldRoundTripEveryBodyByteForByte() {
    for (Map.Entry<String, byte[]> e : WebhookBodies.all().entrySet()) {
      Delivery d = delivery(e.getValue());

      Delivery decoded = DeliveryCodec.decodeDelivery(DeliveryCodec.encode(d));

      assertThat(decoded).as(e.getKey()).isEqualTo(d);
      assertThat(decoded.body()).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void shouldStreamExactlyTheBytesOfTheTreeForm() {
    for (Map.Entry<String, byte[]> e : WebhookBodies.all().entrySet()) {
      Delivery d = delivery(e.getValue());
      assertThat(DeliveryCodec.encode(d)).as(e.getKey()).isEqualTo(DeliveryCodec.encodeAsTree(d));
    }
    Delivery tried = delivery(WebhookBodies.samples().values().iterator().next())
        .after(new Attempt(1, T, 12, 503, null, AttemptResult.TEMPORARY), T.plusSeconds(1))
        .after(new Attempt(2, T.plusSeconds(1), 10_000, 0, "timeout \"after\" 10 s", AttemptResult.TEMPORARY), null);
    assertThat(DeliveryCodec.encode(tried)).isEqualTo(DeliveryCodec.encodeAsTree(tried));
  }

  @Test
  void shouldRoundTripADeliveryWithAttemptsAndADueTime() {
    Delivery d = delivery(WebhookBodies.samples().values().iterator().next())
        .after(new Attempt(1, T, 12, 503, null, AttemptResult.TEMPORARY), T.plusSeconds(1))
        .after(new Attempt(2, T.plusSeconds(1), 10_000, 0, "timeout after 10 s", AttemptResult.TEMPORARY), T.plusSeconds(6));

    Delivery decoded = DeliveryCodec.decodeDelivery(DeliveryCodec.encode(d));

    assertThat(decoded).isEqualTo(d);
    assertThat(decoded.nextAttemptNumber()).isEqualTo(3);
    assertThat(decoded.id()).isEqualTo(DeliveryId.derive(EventId.of("evt_1"), WebhookId.of("wh_1")));
    assertThat(decoded.restarted().attempts()).isEmpty();
    assertThat(decoded.restarted().id()).isEqualTo(d.id());
  }

  @Test
  void shouldRoundTripADeadLetter() {
    Delivery d = delivery(WebhookBodies.samples().values().iterator().next())
        .after(new Attempt(1, T, 3, 410, null, AttemptResult.GONE), null);
    DeadLetter dead = new DeadLetter(d, "gone", "endpoint answered 410", T.plusSeconds(1));

    assertThat(DeliveryCodec.decodeDeadLetter(DeliveryCodec.encode(dead))).isEqualTo(dead);
  }

  @Test
  void shouldRoundTripAttemptLogsWithAndWithoutANextDueTime() {
    Delivery d = delivery(WebhookBodies.samples().values().iterator().next());
    Attempt ok = new Attempt(1, T, 42, 200, null, AttemptResult.DELIVERED);
    AttemptLog delivered = AttemptLog.of(d, ok, AttemptLog.DELIVERED, null);
    AttemptLog retrying = AttemptLog.of(d, new Attempt(1, T, 5, 0, "connection refused", AttemptResult.TEMPORARY),
        AttemptLog.RETRYING, T.plusSeconds(1));

    assertThat(DeliveryCodec.decodeAttemptLog(DeliveryCodec.encode(delivered))).isEqualTo(delivered);
    assertThat(DeliveryCodec.decodeAttemptLog(DeliveryCodec.encode(retrying))).isEqualTo(retrying);
    assertThat(ok.delivered()).isTrue();
  }
}
