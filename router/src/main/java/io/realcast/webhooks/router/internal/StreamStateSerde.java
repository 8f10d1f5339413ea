package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.router.state.StreamState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Binary form of {@link StreamState} in the state store and its changelog; a version byte leads. */
public final class StreamStateSerde implements Serde<StreamState> {
  private static final byte VERSION = 1;

  @Override
  public Serializer<StreamState> serializer() {
    return (topic, state) -> state == null ? null : encode(state);
  }

  @Override
  public Deserializer<StreamState> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  static byte[] encode(StreamState s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(s.streamId());
      out.writeUTF(s.appId().value());
      out.writeUTF(s.liveEventId().value());
      writeLongString(out, s.title());
      out.writeLong(s.startedAt().getEpochSecond());
      out.writeInt(s.startedAt().getNano());
      out.writeLong(s.viewers());
      out.writeLong(s.peakViewers());
      out.writeLong(s.lastReportedViewers());
      out.writeLong(s.updates());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static StreamState decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalStateException("unknown stream state version " + version);
      }
      return new StreamState(in.readUTF(), AppId.of(in.readUTF()), EventId.of(in.readUTF()), readLongString(in),
          Instant.ofEpochSecond(in.readLong(), in.readInt()), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Titles may exceed writeUTF's 64 KiB limit in theory (a raw event can be 64 KiB of escapes); length-prefix the bytes.
  private static void writeLongString(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readLongString(DataInputStream in) throws IOException {
    byte[] utf8 = new byte[in.readInt()];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
