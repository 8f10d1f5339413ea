package io.realcast.webhooks.deliverer.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.realcast.webhooks.deliverer.Outcome;
import io.realcast.webhooks.deliverer.Placement;
import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.tracing.TraceParent;

/**
 * One attempt's span, from the moment the attempt starts until its outcome is placed (delivered, parked for a retry,
 * dead-lettered). {@link #NONE}, for attempts nobody traces, does nothing: every method returns at once.
 */
public final class AttemptSpan {
  static final AttemptSpan NONE = new AttemptSpan(null);

  /** Steps on the wire, recorded as span events. */
  enum Step {
    RESOLVED("dns resolved"),
    CONNECTED("connection ready"),
    ANSWERED("response status received");

    private final String eventName;

    Step(String eventName) {
      this.eventName = eventName;
    }
  }

  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("realcast.outcome");
  private static final AttributeKey<String> DUE_AT = AttributeKey.stringKey("realcast.retry.due_at");
  private static final AttributeKey<String> TIER = AttributeKey.stringKey("realcast.retry.topic_delay");
  private static final AttributeKey<String> DEAD_REASON = AttributeKey.stringKey("realcast.dead.reason");

  private final Span span;

  AttemptSpan(Span span) {
    this.span = span;
  }

  /** Records a step of the attempt on the wire. */
  void step(Step step) {
    if (span != null) {
      span.addEvent(step.eventName);
    }
  }

  /**
   * The request's {@code traceparent}: this span, so a receiver that traces becomes its child; the trace the delivery
   * record names when nobody traces here; null when neither.
   */
  String traceParent(Delivery delivery) {
    return span != null ? TraceParent.of(span.getSpanContext()) : delivery.traceParent();
  }

  /** The trace the attempt belongs to: this span's, or the one the delivery record names when nobody traces here. */
  String traceId(Delivery delivery) {
    return span != null ? span.getSpanContext().getTraceId() : TraceParent.traceId(delivery.traceParent());
  }

  /** What the attempt came to on the wire and in the classifier's judgement. */
  void ended(SendResult result, Outcome outcome) {
    if (span == null) {
      return;
    }
    if (outcome.status() > 0) {
      span.setAttribute(STATUS, (long) outcome.status());
    }
    if (result instanceof SendResult.Failure failure) {
      span.setAttribute(ERROR_TYPE, failure.kind().code());
    } else if (result instanceof SendResult.Refused) {
      span.setAttribute(ERROR_TYPE, "target_refused");
    }
    span.setAttribute(OUTCOME, outcome.code());
    if (!(outcome instanceof Outcome.Delivered)) {
      span.setStatus(StatusCode.ERROR, outcome.code());
    }
  }

  /** Where the delivery goes after the attempt, as the span's last event; ends the span. */
  public void placed(Placement next) {
    if (span == null) {
      return;
    }
    if (next instanceof Placement.Retry retry) {
      span.addEvent("retry parked", Attributes.of(DUE_AT, retry.dueAt().toString(), TIER, retry.tier().toString()));
    } else if (next instanceof Placement.Dead dead) {
      span.addEvent("dead-lettered", Attributes.of(DEAD_REASON, dead.reason().code()));
    } else if (next instanceof Placement.Superseded) {
      span.addEvent("superseded");
    } else if (next instanceof Placement.Delivered) {
      span.addEvent("delivered");
    }
    span.end();
  }
}
