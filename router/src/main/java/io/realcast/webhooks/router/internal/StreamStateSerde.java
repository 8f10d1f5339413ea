package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.router.state.StreamState;
import io.realcast.webhooks.router.state.StreamState.Activity;
import io.realcast.webhooks.router.state.StreamState.Cadence;
import io.realcast.webhooks.router.state.StreamState.Session;
import io.realcast.webhooks.router.state.StreamState.ViewerCounts;
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

/**
 * Binary form of {@link StreamState} in the state store and its changelog; a version byte leads. Version 2
 * adds the activity and cadence; version 1 (written before the router kept viewer ids) still reads: its
 * viewers become unnamed, its activity and cadence unknown (they start at the next wake-up).
 */
public final class StreamStateSerde implements Serde<StreamState> {
  static final byte V1 = 1;
  private static final byte VERSION = 2;

  @Override
  public Serializer<StreamState> serializer() {
    return (topic, state) -> state == null ? null : encode(state);
  }

  @Override
  public Deserializer<StreamState> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  static byte[] encode(StreamState s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      Session session = s.session();
      out.writeUTF(session.streamId());
      out.writeUTF(session.appId().value());
      out.writeUTF(session.liveEventId().value());
      writeLongString(out, session.title());
      writeInstant(out, session.startedAt());
      ViewerCounts viewers = s.viewers();
      out.writeLong(viewers.present());
      out.writeLong(viewers.unnamed());
      out.writeLong(viewers.peak());
      out.writeLong(viewers.lastReported());
      out.writeLong(s.activity().lastSeenMillis());
      writeInstant(out, s.activity().lastEventAt());
      out.writeLong(s.cadence().updates());
      out.writeLong(s.cadence().nextUpdateMillis());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static StreamState decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION && version != V1) {
        throw new IllegalStateException("unknown stream state version " + version);
      }
      Session session = new Session(in.readUTF(), AppId.of(in.readUTF()), EventId.of(in.readUTF()), readLongString(in),
          readInstant(in));
      if (version == V1) {
        long viewers = in.readLong();
        long peak = in.readLong();
        long lastReported = in.readLong();
        long updates = in.readLong();
        return new StreamState(session, new ViewerCounts(viewers, viewers, peak, lastReported),
            new Activity(Activity.UNKNOWN, session.startedAt()), new Cadence(updates, Activity.UNKNOWN));
      }
      ViewerCounts viewers = new ViewerCounts(in.readLong(), in.readLong(), in.readLong(), in.readLong());
      Activity activity = new Activity(in.readLong(), readInstant(in));
      return new StreamState(session, viewers, activity, new Cadence(in.readLong(), in.readLong()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }

  // Titles may exceed writeUTF's 64 KiB limit (a raw event may be larger); length-prefix the bytes.
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
