package io.realcast.webhooks.testkit.receiver;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scripted answer of a {@link ScriptedReceiver}, in the spirit of okhttp's MockResponse: a status with
 * headers and body, optionally late; or a hostile answer: none at all (stall), a dropped connection (reset),
 * a slow, huge or endless body, or the whole answer dripped a byte at a time.
 */
public record Reply(Kind kind, int status, Map<String, String> headers, String body, Duration delay, int chunks,
    Duration interval, long bodyBytes) {

  public enum Kind {
    /** The status, headers and body, after {@link #delay()}. */
    RESPOND,
    /** Reads the request and never answers, until the client gives up. */
    STALL,
    /** Drops the connection with a TCP reset instead of answering. */
    RESET,
    /** The status and headers at once, then {@link #chunks()} one-byte body chunks {@link #interval()} apart. */
    SLOW_BODY,
    /** The status with a chunked body of {@link #bodyBytes()} bytes; {@link Long#MAX_VALUE} never ends. */
    HUGE_BODY,
    /** The whole answer, status line included, one byte per {@link #interval()}. */
    DRIP
  }

  public static Reply status(int status) {
    return new Reply(Kind.RESPOND, status, Map.of(), "", Duration.ZERO, 0, Duration.ZERO, 0);
  }

  public static Reply ok() {
    return status(200);
  }

  public static Reply stall() {
    return new Reply(Kind.STALL, 0, Map.of(), "", Duration.ZERO, 0, Duration.ZERO, 0);
  }

  public static Reply reset() {
    return new Reply(Kind.RESET, 0, Map.of(), "", Duration.ZERO, 0, Duration.ZERO, 0);
  }

  public static Reply redirect(int status, String location) {
    return status(status).withHeader("Location", location);
  }

  public static Reply slowBody(int status, int chunks, Duration interval) {
    return new Reply(Kind.SLOW_BODY, status, Map.of(), "", Duration.ZERO, chunks, interval, 0);
  }

  public static Reply hugeBody(int status, long bytes) {
    return new Reply(Kind.HUGE_BODY, status, Map.of(), "", Duration.ZERO, 0, Duration.ZERO, bytes);
  }

  /** A body that never ends: the client must stop reading on its own. */
  public static Reply endlessBody(int status) {
    return hugeBody(status, Long.MAX_VALUE);
  }

  /** {@code status} with a two-byte body, every byte of the answer {@code interval} after the previous one. */
  public static Reply drip(int status, Duration interval) {
    return new Reply(Kind.DRIP, status, Map.of(), "ok", Duration.ZERO, 0, interval, 0);
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(kind, status, h, body, delay, chunks, interval, bodyBytes);
  }

  public Reply withBody(String text) {
    return new Reply(kind, status, headers, text, delay, chunks, interval, bodyBytes);
  }

  /** Answers only after {@code wait}. */
  public Reply after(Duration wait) {
    return new Reply(kind, status, headers, body, wait, chunks, interval, bodyBytes);
  }

  /** Whether the client gets a 2xx answer. */
  public boolean isSuccess() {
    return kind != Kind.STALL && kind != Kind.RESET && status >= 200 && status < 300;
  }
}
