package io.realcast.webhooks.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.router.state.StreamState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StreamStateSerdeTest {
  @Test
  void shouldRoundTripAStateWithAnyTitle() {
    String title = "Épique 🎮 \"quoted\" \u0000 " + "long".repeat(20_000);
    StreamState state = new StreamState("stream_1", AppId.of("app_a"), EventId.of("evt_1"), title,
        Instant.parse("2024-12-09T10:00:00.123Z"), 3, 9, 2, 7);
    StreamStateSerde serde = new StreamStateSerde();

    byte[] bytes = serde.serializer().serialize("t", state);

    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(state);
    assertThat(serde.serializer().serialize("t", null)).isNull();
  }
}
