package io.realcast.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StreamGateTest {
  private static final Instant T = Instant.parse("2024-12-09T10:00:00Z");

  private static Delivery numbered(long sequence) {
    return Delivery.first(WebhookId.of("wh_1"), AppId.of("app_1"), WebhookEventType.CHAT_MESSAGE_NEW, EventId.of("evt_" + sequence),
        T, T, "{}".getBytes(StandardCharsets.UTF_8), "stream_a", sequence);
  }

  @Test
  void shouldLetThroughTheNextOneAndRepeatsOnly() {
    StreamGate gate = StreamGate.at(numbered(5), 5, 5);

    assertThat(gate.admits(numbered(4))).as("a repeat of a final one").isTrue();
    assertThat(gate.admits(numbered(5))).isTrue();
    assertThat(gate.admits(numbered(6))).isFalse();
    assertThat(gate.key()).isEqualTo("wh_1|stream_a").isEqualTo(StreamGate.key(numbered(9)));
  }

  @Test
  void shouldMoveOnOnlyWhenTheNextOneIsFinalAndCloseWhenNothingSeenWaits() {
    StreamGate gate = StreamGate.at(numbered(5), 5, 5).seen(7).seen(6);

    assertThat(gate.seen()).isEqualTo(7);
    assertThat(gate.finished(6)).as("a later one cannot be final before 5").isEqualTo(gate);
    StreamGate moved = gate.finished(5).finished(6);
    assertThat(moved.next()).isEqualTo(7);
    assertThat(moved.drained()).isFalse();
    assertThat(moved.finished(7).drained()).isTrue();
  }

  @Test
  void shouldRoundTripThroughItsTopic() {
    StreamGate gate = new StreamGate(WebhookId.of("wh_1"), "stream_a", 3, 12);

    assertThat(StreamGate.decode(gate.encode())).isEqualTo(gate);
    StreamGate due = gate.dueAgain(3, Instant.parse("2026-11-30T12:00:25.5Z"));
    assertThat(StreamGate.decode(due.encode())).isEqualTo(due);
    assertThat(gate.dueAgain(4, Instant.EPOCH)).as("not the awaited one").isSameAs(gate);
  }

  @Test
  void shouldRefuseAGateThatCannotBe() {
    assertThatThrownBy(() -> new StreamGate(WebhookId.of("wh_1"), "s", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StreamGate(WebhookId.of("wh_1"), "s", 9, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
