package io.realcast.webhooks.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C {@code traceparent} value ({@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}) as it travels
 * between our processes: in the {@code traceparent} header of raw event records, as {@code trace_parent} in delivery
 * records, and in the {@code traceparent} header of webhook requests. Kept as the wire string, so records that carry
 * one cost nothing to pass on when tracing is off; parsed only where a span is started.
 */
public final class TraceParent {
  /** The W3C header name, in Kafka record headers and in HTTP requests. */
  public static final String HEADER = "traceparent";
  private static final int LENGTH = 55;

  private TraceParent() {}

  /** Whether {@code value} is a traceparent of version 00 with a valid (non-zero) trace and span id. */
  public static boolean isValid(String value) {
    if (value == null || value.length() != LENGTH || !value.startsWith("00-") || value.charAt(35) != '-'
        || value.charAt(52) != '-') {
      return false;
    }
    return hex(value, 3, 35) && hex(value, 36, 52) && hex(value, 53, 55)
        && !zeros(value, 3, 35) && !zeros(value, 36, 52);
  }

  /** The trace id of a valid traceparent, or null for null or an invalid one. */
  public static String traceId(String traceParent) {
    return isValid(traceParent) ? traceParent.substring(3, 35) : null;
  }

  /** The traceparent of a span context, or null when the context is not valid (no span, tracing off). */
  public static String of(SpanContext context) {
    if (context == null || !context.isValid()) {
      return null;
    }
    return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
  }

  /** The remote span context a traceparent names, or {@link SpanContext#getInvalid()} when it is null or not valid. */
  public static SpanContext parse(String traceParent) {
    if (!isValid(traceParent)) {
      return SpanContext.getInvalid();
    }
    return SpanContext.createFromRemoteParent(traceParent.substring(3, 35), traceParent.substring(36, 52),
        TraceFlags.fromHex(traceParent, 53), TraceState.getDefault());
  }

  /** The last valid {@code traceparent} header of a Kafka record, or null. */
  public static String read(Headers headers) {
    Header h = headers == null ? null : headers.lastHeader(HEADER);
    if (h == null || h.value() == null || h.value().length != LENGTH) {
      return null;
    }
    String value = new String(h.value(), StandardCharsets.US_ASCII);
    return isValid(value) ? value : null;
  }

  /** Sets the {@code traceparent} header of a Kafka record (replacing any); nothing when {@code traceParent} is null. */
  public static void write(Headers headers, String traceParent) {
    if (traceParent == null) {
      return;
    }
    headers.remove(HEADER);
    headers.add(HEADER, traceParent.getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean hex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static boolean zeros(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
