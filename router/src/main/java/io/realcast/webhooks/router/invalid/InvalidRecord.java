package io.realcast.webhooks.router.invalid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record for {@code realcast.events.invalid}, bounded in size whatever came in. Under exactly-once one
 * record that cannot be written aborts the whole transaction and the partition is processed again, forever;
 * so the key, the value and the copied headers are cut to budgets that keep the record far below the
 * producer's {@code max.request.size}, and the original size, partition and offset say what was cut.
 *
 * @param value the original value, its first {@code maxValueBytes} bytes when longer; null in a {@link Form#STUB}
 */
public record InvalidRecord(String key, byte[] value, Headers headers) {
  /** Keys longer than this are cut (a stream id is at most 256 characters). */
  public static final int MAX_KEY_CHARS = 256;
  /** The detail header is cut to this many characters. */
  public static final int MAX_DETAIL_CHARS = 1024;
  /** Copied original headers may take this many bytes together (names and values); beyond, none are copied. */
  public static final int MAX_COPIED_HEADER_BYTES = 16 * 1024;

  /** How much of the original to keep. */
  public enum Form {
    /** The value (cut to the limit), the key and the original headers (within their budget). */
    FULL,
    /** Our headers and the cut key only: what is written after the full record failed. */
    STUB
  }

  /**
   * @param value the original value (null for a record without one)
   * @param original the original record's headers; ours ({@code realcast.invalid.*}) are replaced
   * @param maxValueBytes longest value kept (the router's raw event limit)
   */
  public static InvalidRecord of(String key, byte[] value, Headers original, String reason, String detail, Source source,
      Form form, int maxValueBytes) {
    List<String> truncated = new ArrayList<>();
    String outKey = key;
    if (key != null && key.length() > MAX_KEY_CHARS) {
      outKey = key.substring(0, MAX_KEY_CHARS);
      truncated.add("key");
    }
    byte[] outValue = null;
    Headers headers = new RecordHeaders();
    if (form == Form.FULL) {
      outValue = value;
      if (value != null && value.length > maxValueBytes) {
        outValue = Arrays.copyOf(value, maxValueBytes);
        truncated.add("value");
      }
      if (!copyHeaders(original, headers)) {
        truncated.add("headers");
      }
    }
    add(headers, InvalidHeaders.REASON, reason);
    add(headers, InvalidHeaders.DETAIL, cut(detail == null ? "" : detail, MAX_DETAIL_CHARS));
    add(headers, InvalidHeaders.ORIGINAL_SIZE, Integer.toString(value == null ? 0 : value.length));
    add(headers, InvalidHeaders.ORIGINAL_PARTITION, Integer.toString(source.partition()));
    add(headers, InvalidHeaders.ORIGINAL_OFFSET, Long.toString(source.offset()));
    add(headers, InvalidHeaders.FORM, form.name().toLowerCase(Locale.ROOT));
    if (!truncated.isEmpty()) {
      add(headers, InvalidHeaders.TRUNCATED, String.join(",", truncated));
    }
    return new InvalidRecord(outKey, outValue, headers);
  }

  /** The source a record of ours names in its headers, or null if it names none. */
  public static Source sourceOf(Headers headers) {
    Header partition = headers.lastHeader(InvalidHeaders.ORIGINAL_PARTITION);
    Header offset = headers.lastHeader(InvalidHeaders.ORIGINAL_OFFSET);
    if (partition == null || offset == null) {
      return null;
    }
    try {
      return new Source(Integer.parseInt(text(partition)), Long.parseLong(text(offset)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Copies the original headers, except ours, if they fit the budget; false if they did not (none copied). */
  private static boolean copyHeaders(Headers original, Headers into) {
    if (original == null) {
      return true;
    }
    List<Header> kept = new ArrayList<>();
    long bytes = 0;
    for (Header h : original) {
      if (h.key().startsWith(InvalidHeaders.PREFIX)) {
        continue;
      }
      bytes += h.key().length() * 3L + (h.value() == null ? 0 : h.value().length);
      kept.add(h);
    }
    if (bytes > MAX_COPIED_HEADER_BYTES) {
      return false;
    }
    kept.forEach(into::add);
    return true;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  private static void add(Headers headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Header h) {
    return h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
