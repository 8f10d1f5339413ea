package io.realcast.webhooks.router.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.router.state.StreamState;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
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

  /** The layout the first versions wrote with DataOutputStream: a changelog written before reads, and after is the same. */
  @Test
  void shouldWriteTheBytesOfTheDataOutputStreamLayout() throws IOException {
    for (String stream : new String[] {"stream_1", "ストリーム-🎮", "s\u0000nul", "x".repeat(70_000)}) {
      String title = "Épique 🎮 " + stream;
      StreamState state = new StreamState(new StreamState.Session(stream, AppId.of("app_a"), EventId.of("evt_1"), title, STARTED),
          new StreamState.ViewerCounts(3, 1, 9, 2), new StreamState.Activity(1_733_738_400_000L, STARTED.plusSeconds(90)),
          new StreamState.Cadence(7, 1_733_738_430_000L));
      if (stream.length() > 65_535) {
        assertThatThrownBy(() -> serde.serializer().serialize("t", state)).isInstanceOf(UncheckedIOException.class);
        continue;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(2);
        out.writeUTF(stream);
        out.writeUTF("app_a");
        out.writeUTF("evt_1");
        byte[] utf8 = title.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
        out.writeLong(STARTED.getEpochSecond());
        out.writeInt(STARTED.getNano());
        for (long value : new long[] {3, 1, 9, 2, 1_733_738_400_000L}) {
          out.writeLong(value);
        }
        out.writeLong(STARTED.plusSeconds(90).getEpochSecond());
        out.writeInt(STARTED.plusSeconds(90).getNano());
        out.writeLong(7);
        out.writeLong(1_733_738_430_000L);
      }

      assertThat(serde.serializer().serialize("t", state)).as(stream).isEqualTo(bytes.toByteArray());
      assertThat(serde.deserializer().deserialize("t", bytes.toByteArray())).as(stream).isEqualTo(state);
    }
  }

  @Test
  void shouldRefuseStateCutShort() {
    byte[] whole = serde.serializer().serialize("t", new StreamState(
        new StreamState.Session("stream_1", AppId.of("app_a"), EventId.of("evt_1"), "Title", STARTED),
        new StreamState.ViewerCounts(3, 1, 9, 2), new StreamState.Activity(1, STARTED), new StreamState.Cadence(7, 8)));
    for (int length = 1; length < whole.length; length++) {
      byte[] cut = Arrays.copyOf(whole, length);
      assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut)).as("%d bytes", length)
          .isInstanceOf(UncheckedIOException.class);
    }
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
