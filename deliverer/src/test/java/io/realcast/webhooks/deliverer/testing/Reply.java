package io.realcast.webhooks.deliverer.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scripted answer of a {@link ScriptedReceiver}, in the spirit of okhttp's MockResponse: a status
 * with headers and body, optionally late, slow or huge; or no answer at all (stall), or a dropped
 * connection (reset).
 */
public record Reply(Kind kind, int status, Map<String, String> headers, String body, Duration delay, int chunks,
    Duration chunkInterval, long bodyBytes) {

  public enum Kind { RESPOND, STALL, RESET, SLOW_BODY, HUGE_BODY }

  public static Reply status(int status) {
    return new Reply(Kind.RESPOND, status, Map.of(), "", Duration.ZERO, 0, Duration.ZERO, 0);
  }

  public static Reply ok() {
    return status(200);
  }

  /** Accepts the request and never answers. */
  public static Reply stall() {
    return new Reply(Kind.STALL, 0, Map.of(), "", Duration.ZERO, 0, Duration.ZERO, 0);
  }

  /** Drops the connection (RST) instead of answering. */
  public static Reply reset() {
    return new Reply(Kind.RESET, 0, Map.of(), "", Duration.ZERO, 0, Duration.ZERO, 0);
  }

  public static Reply redirect(int status, String location) {
    return status(status).withHeader("Location", location);
  }

  /** The status at once, then {@code chunks} small body chunks {@code interval} apart. */
  public static Reply slowBody(int status, int chunks, Duration interval) {
    return new Reply(Kind.SLOW_BODY, status, Map.of(), "", Duration.ZERO, chunks, interval, 0);
  }

  /** The status with a body of {@code bytes} bytes. */
  public static Reply hugeBody(int status, long bytes) {
    return new Reply(Kind.HUGE_BODY, status, Map.of(), "", Duration.ZERO, 0, Duration.ZERO, bytes);
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(kind, status, h, body, delay, chunks, chunkInterval, bodyBytes);
  }

  public Reply withBody(String text) {
    return new Reply(kind, status, headers, text, delay, chunks, chunkInterval, bodyBytes);
  }

  /** Answers only after {@code wait} (without blocking the server). */
  public Reply after(Duration wait) {
    return new Reply(kind, status, headers, body, wait, chunks, chunkInterval, bodyBytes);
  }
}
