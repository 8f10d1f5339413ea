package io.realcast.webhooks.api.history;

import io.realcast.webhooks.id.DeliveryId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * A place in the history's one order: newest first by creation time (to the millisecond), then by delivery id.
 * Every page, on one partition or merged from all, walks this order; a cursor is the position of the last
 * delivery shown. Deliveries created while a client pages sort before its cursor, so they never repeat or
 * shift a page.
 */
public record Position(long createdMillis, String deliveryId) implements Comparable<Position> {
  /** Newest first, then by id: the order of the index keys. */
  public static final Comparator<Position> ORDER =
      Comparator.comparingLong((Position p) -> -p.createdMillis).thenComparing(Position::deliveryId);
  private static final String VERSION = "c1.";

  public static Position of(Instant createdAt, DeliveryId id) {
    return new Position(createdAt.toEpochMilli(), id.value());
  }

  @Override
  public int compareTo(Position other) {
    return ORDER.compare(this, other);
  }

  /** The opaque form clients pass back as {@code cursor}. */
  public String toCursor() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((VERSION + createdMillis + "." + deliveryId).getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a cursor; throws IllegalArgumentException when it is not one this API handed out. */
  public static Position fromCursor(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.startsWith(VERSION)) {
        throw new IllegalArgumentException("not a cursor");
      }
      int dot = text.indexOf('.', VERSION.length());
      long millis = Long.parseLong(text.substring(VERSION.length(), dot));
      return new Position(millis, DeliveryId.of(text.substring(dot + 1)).value());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cursor is not one this API handed out", e);
    }
  }
}
