package io.realcast.webhooks.api.history.internal;

import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.DeliveryStatus;
import io.realcast.webhooks.api.history.Position;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;

/**
 * The keys of the history store, one RocksDB store per partition. Families by first byte, so one store holds
 * everything a partition's webhooks need and range scans stay inside a family:
 *
 * <pre>
 * D id                               the delivery's entry
 * I w|a scope 0 status|* 0 rev id   newest-first index per webhook and per app, all and per status (rev = MAX - created ms)
 * L webhook 0 enqueued id           a webhook's unfinished deliveries, oldest first (its lag)
 * G enqueued id                     every unfinished delivery of the partition, oldest first (the lag gauge)
 * S webhook                         the webhook's lifetime counters
 * C                                 the partition's counts by status
 * X expires id                      when each entry is forgotten, soonest first
 * </pre>
 *
 * Times are 8-byte big-endian milliseconds, so byte order is time order; ids are ASCII and never contain 0.
 */
public final class HistoryKeys {
  static final byte ENTRY = 'D';
  static final byte INDEX = 'I';
  static final byte LAG = 'L';
  static final byte PARTITION_LAG = 'G';
  static final byte COUNTERS = 'S';
  static final byte PARTITION_COUNTS = 'C';
  static final byte EXPIRY = 'X';
  static final String ALL = "*";

  /** Index scopes. */
  public enum Scope {
    WEBHOOK('w'),
    APP('a');

    final byte tag;

    Scope(char tag) {
      this.tag = (byte) tag;
    }
  }

  private HistoryKeys() {}

  public static Bytes entry(DeliveryId id) {
    return Bytes.wrap(concat(new byte[] {ENTRY}, ascii(id.value())));
  }

  public static Bytes counters(WebhookId webhook) {
    return Bytes.wrap(concat(new byte[] {COUNTERS}, ascii(webhook.value())));
  }

  public static Bytes partitionCounts() {
    return Bytes.wrap(new byte[] {PARTITION_COUNTS});
  }

  /** The index prefix of a scope (a webhook or an app id) and a status ({@code null}: every status). */
  public static byte[] indexPrefix(Scope scope, String scopeId, DeliveryStatus status) {
    return concat(new byte[] {INDEX, scope.tag}, ascii(scopeId), new byte[] {0}, ascii(status == null ? ALL : status.wireName()),
        new byte[] {0});
  }

  static byte[] indexKey(byte[] prefix, Position p) {
    return concat(prefix, time(reversed(p.createdMillis())), ascii(p.deliveryId()));
  }

  /** The first key at or after (in newest-first order) the given creation time. */
  static byte[] indexFrom(byte[] prefix, long createdMillis) {
    return concat(prefix, time(reversed(createdMillis)));
  }

  /** The first key strictly after {@code p}. */
  static byte[] indexAfter(byte[] prefix, Position p) {
    return concat(indexKey(prefix, p), new byte[] {0});
  }

  /** The last possible key at the given creation time. */
  static byte[] indexThrough(byte[] prefix, long createdMillis) {
    return concat(prefix, time(reversed(createdMillis)), new byte[] {(byte) 0xFF});
  }

  /** The position an index key stands for. */
  static Position position(byte[] prefix, byte[] key) {
    long rev = ByteBuffer.wrap(key, prefix.length, 8).getLong();
    String id = new String(key, prefix.length + 8, key.length - prefix.length - 8, StandardCharsets.US_ASCII);
    return new Position(reversed(rev), id);
  }

  public static byte[] lagPrefix(WebhookId webhook) {
    return concat(new byte[] {LAG}, ascii(webhook.value()), new byte[] {0});
  }

  public static byte[] partitionLagPrefix() {
    return new byte[] {PARTITION_LAG};
  }

  /** The time in a lag key (right after its prefix). */
  static Instant lagTime(byte[] prefix, byte[] key) {
    return Instant.ofEpochMilli(ByteBuffer.wrap(key, prefix.length, 8).getLong());
  }

  public static byte[] expiryPrefix() {
    return new byte[] {EXPIRY};
  }

  static Bytes expiry(Instant at, DeliveryId id) {
    return Bytes.wrap(concat(expiryPrefix(), time(millis(at)), ascii(id.value())));
  }

  /** The last possible expiry key at {@code at}. */
  static byte[] expiryThrough(Instant at) {
    return concat(expiryPrefix(), time(millis(at)), new byte[] {(byte) 0xFF});
  }

  static DeliveryId expiryId(byte[] key) {
    return DeliveryId.of(new String(key, 9, key.length - 9, StandardCharsets.US_ASCII));
  }

  /**
   * Every key besides its own that points at {@code e}: the indexes, the lag keys while it is unfinished, its
   * expiry. Moving an entry is the difference between two of these sets.
   */
  static Set<Bytes> keysOf(DeliveryEntry e) {
    Set<Bytes> keys = new HashSet<>();
    if (e == null) {
      return keys;
    }
    Position p = e.position();
    for (DeliveryStatus s : new DeliveryStatus[] {null, e.status()}) {
      keys.add(Bytes.wrap(indexKey(indexPrefix(Scope.WEBHOOK, e.webhookId().value(), s), p)));
      keys.add(Bytes.wrap(indexKey(indexPrefix(Scope.APP, e.appId().value(), s), p)));
    }
    if (!e.status().isFinal() && e.enqueuedAt() != null) {
      byte[] tail = concat(time(millis(e.enqueuedAt())), ascii(e.id().value()));
      keys.add(Bytes.wrap(concat(lagPrefix(e.webhookId()), tail)));
      keys.add(Bytes.wrap(concat(partitionLagPrefix(), tail)));
    }
    if (e.expiresAt() != null) {
      keys.add(expiry(e.expiresAt(), e.id()));
    }
    return keys;
  }

  /** The smallest key greater than every key starting with {@code prefix}. */
  static byte[] successor(byte[] prefix) {
    byte[] next = prefix.clone();
    for (int i = next.length - 1; i >= 0; i--) {
      if (next[i] != (byte) 0xFF) {
        next[i]++;
        return java.util.Arrays.copyOf(next, i + 1);
      }
    }
    throw new IllegalArgumentException("no successor of an all-0xFF prefix");
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    if (key.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static long millis(Instant t) {
    return Math.max(0, t.toEpochMilli());
  }

  private static long reversed(long millis) {
    return Long.MAX_VALUE - Math.max(0, millis);
  }

  private static byte[] time(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }
}
