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
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of {@link StreamState} in the state store and its changelog; a version byte leads. Version 2
 * adds the activity and cadence; version 1 (written before the router kept viewer ids) still reads: its
 * viewers become unnamed, its activity and cadence unknown (they start at the next wake-up). Written and read with a
 * {@link ByteBuffer}, in the layout the first versions wrote with {@link DataOutputStream}: every chat message and
 * viewer event of a live stream reads its state, and the stream classes' per-byte calls were a visible share.
 */
public final class StreamStateSerde implements Serde<StreamState> {
  static final byte V1 = 1;
  private static final byte VERSION = 2;
  private static final int INSTANT_BYTES = Long.BYTES + Integer.BYTES;
  /** writeUTF's length is an unsigned short. */
  private static final int MAX_UTF_BYTES = 0xffff;

  @Override
  public Serializer<StreamState> serializer() {
    return (topic, state) -> state == null ? null : encode(state);
  }

  @Override
  public Deserializer<StreamState> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  static byte[] encode(StreamState s) {
    Session session = s.session();
    byte[] stream = utf(session.streamId());
    byte[] app = utf(session.appId().value());
    byte[] liveEvent = utf(session.liveEventId().value());
    byte[] title = session.title().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(1 + stream.length + app.length + liveEvent.length + Integer.BYTES + title.length
        + INSTANT_BYTES + 5 * Long.BYTES + INSTANT_BYTES + 2 * Long.BYTES);
    out.put(VERSION).put(stream).put(app).put(liveEvent).putInt(title.length).put(title);
    putInstant(out, session.startedAt());
    ViewerCounts viewers = s.viewers();
    out.putLong(viewers.present()).putLong(viewers.unnamed()).putLong(viewers.peak()).putLong(viewers.lastReported());
    out.putLong(s.activity().lastSeenMillis());
    putInstant(out, s.activity().lastEventAt());
    out.putLong(s.cadence().updates()).putLong(s.cadence().nextUpdateMillis());
    return out.array();
  }

  static StreamState decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte version = in.get();
      if (version != VERSION && version != V1) {
        throw new IllegalStateException("unknown stream state version " + version);
      }
      Session session = new Session(readUtf(in), AppId.of(readUtf(in)), EventId.of(readUtf(in)), readLongString(in),
          readInstant(in));
      if (version == V1) {
        long viewers = in.getLong();
        long peak = in.getLong();
        long lastReported = in.getLong();
        long updates = in.getLong();
        return new StreamState(session, new ViewerCounts(viewers, viewers, peak, lastReported),
            new Activity(Activity.UNKNOWN, session.startedAt()), new Cadence(updates, Activity.UNKNOWN));
      }
      ViewerCounts viewers = new ViewerCounts(in.getLong(), in.getLong(), in.getLong(), in.getLong());
      Activity activity = new Activity(in.getLong(), readInstant(in));
      return new StreamState(session, viewers, activity, new Cadence(in.getLong(), in.getLong()));
    } catch (BufferUnderflowException e) {
      throw new UncheckedIOException(new EOFException("stream state cut short at byte " + in.position()));
    }
  }

  private static void putInstant(ByteBuffer out, Instant instant) {
    out.putLong(instant.getEpochSecond()).putInt(instant.getNano());
  }

  private static Instant readInstant(ByteBuffer in) {
    return Instant.ofEpochSecond(in.getLong(), in.getInt());
  }

  /**
   * {@link DataOutputStream#writeUTF}'s bytes (a length, then modified UTF-8), which the first versions wrote. Ids are
   * ASCII nearly always, and then those bytes are the characters themselves; the JDK encodes the others.
   */
  private static byte[] utf(String value) {
    int length = value.length();
    if (length <= MAX_UTF_BYTES) {
      byte[] out = new byte[2 + length];
      out[0] = (byte) (length >>> 8);
      out[1] = (byte) length;
      int i = 0;
      for (; i < length; i++) {
        char c = value.charAt(i);
        if (c == 0 || c > 0x7f) {
          break;
        }
        out[2 + i] = (byte) c; // chars 1 to 127 are one byte each, the char itself
      }
      if (i == length) {
        return out;
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 + 3 * length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads what {@link #utf} writes. */
  private static String readUtf(ByteBuffer in) {
    int length = Short.toUnsignedInt(in.getShort());
    int start = skip(in, length);
    byte[] bytes = in.array();
    for (int i = start; i < start + length; i++) {
      if (bytes[i] <= 0) { // not a 1-byte char of modified UTF-8 (which encodes NUL in two bytes)
        return readUtfSlowly(bytes, start - 2, length + 2);
      }
    }
    return new String(bytes, start, length, StandardCharsets.US_ASCII);
  }

  private static String readUtfSlowly(byte[] bytes, int offset, int length) {
    try {
      return DataInputStream.readUTF(new DataInputStream(new ByteArrayInputStream(bytes, offset, length)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Titles may exceed writeUTF's 64 KiB limit (a raw event may be larger): an int length, then the UTF-8 bytes.
  private static String readLongString(ByteBuffer in) {
    int length = in.getInt();
    int start = skip(in, length);
    return new String(in.array(), start, length, StandardCharsets.UTF_8);
  }

  /** Moves past {@code length} bytes; returns where they start. */
  private static int skip(ByteBuffer in, int length) {
    if (length < 0 || length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    int start = in.position();
    in.position(start + length);
    return start;
  }
}
