package io.realcast.webhooks.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.router.state.StreamState;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StreamStateSerdeTest {
  private static final Instant STARTED = Instant.parse("2024-12-09T10:00:00.123Z");
  private final StreamStateSerde serde = new StreamStateSerde();

  @Test
  void shouldRoundTripAStateWithAnyTitle() {
    String title = "Épique 🎮 \"quoted\" \u0000 " + "long".repeat(20_000);
    StreamState state = new StreamState(new StreamState.Session("stream_1", AppId.of("app_a"), EventId.of("evt_1"), title, STARTED),
        new StreamState.ViewerCounts(3, 1, 9, 2), new StreamState.Activity(1_733_738_400_000L, STARTED.plusSeconds(90)),
        new StreamState.Cadence(7, 1_733_738_430_000L));

    byte[] bytes = serde.serializer().serialize("t", state);

    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(state);
    assertThat(serde.serializer().serialize("t", null)).isNull();
  }

  /** State in the changelog of a router that counted events (version 1) still reads after an upgrade. */
  @Test
  void shouldReadStateWrittenByTheVersionBeforeViewerIds() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(StreamStateSerde.V1);
      out.writeUTF("stream_1");
      out.writeUTF("app_a");
      out.writeUTF("evt_1");
      byte[] title = "Title".getBytes(StandardCharsets.UTF_8);
      out.writeInt(title.length);
      out.write(title);
      out.writeLong(STARTED.getEpochSecond());
      out.writeInt(STARTED.getNano());
      out.writeLong(4); // viewers
      out.writeLong(9); // peak
      out.writeLong(3); // last reported
      out.writeLong(12); // updates
    }

    StreamState state = serde.deserializer().deserialize("t", bytes.toByteArray());

    assertThat(state.session()).isEqualTo(new StreamState.Session("stream_1", AppId.of("app_a"), EventId.of("evt_1"), "Title", STARTED));
    assertThat(state.viewers()).isEqualTo(new StreamState.ViewerCounts(4, 4, 9, 3));
    assertThat(state.activity()).isEqualTo(new StreamState.Activity(StreamState.Activity.UNKNOWN, STARTED));
    assertThat(state.cadence()).isEqualTo(new StreamState.Cadence(12, StreamState.Activity.UNKNOWN));
  }
}
