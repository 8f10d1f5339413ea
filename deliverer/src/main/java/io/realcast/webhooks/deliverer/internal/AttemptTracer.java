package io.realcast.webhooks.deliverer.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.tracing.Tracing;

/**
 * The deliverer's part of a trace: one client span per attempt, a child of the span the delivery record names (the
 * router's fan-out), with the wire's steps as span events ({@link AttemptSpan}). When tracing is off every attempt gets
 * the shared {@link AttemptSpan#NONE}: nothing is allocated and nothing recorded.
 */
public final class AttemptTracer {
  public static final AttemptTracer OFF = new AttemptTracer(Tracing.off());

  private final Tracing tracing;
  private final Tracer tracer;

  public AttemptTracer(Tracing tracing) {
    this.tracing = tracing;
    this.tracer = tracing.tracer("deliverer");
  }

  /** The span of the attempt about to start; {@link AttemptSpan#NONE} when tracing is off. */
  AttemptSpan start(Delivery delivery, Endpoint endpoint) {
    if (!tracing.enabled()) {
      return AttemptSpan.NONE;
    }
    var builder = tracer.spanBuilder("deliver " + delivery.event().wireName())
        .setParent(Tracing.parent(delivery.traceParent()))
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("http.request.method", "POST")
        .setAttribute(Tracing.DELIVERY_ID, delivery.id().value())
        .setAttribute(Tracing.WEBHOOK_ID, delivery.webhookId().value())
        .setAttribute(Tracing.APP_ID, delivery.appId().value())
        .setAttribute(Tracing.EVENT_TYPE, delivery.event().wireName())
        .setAttribute("realcast.attempt", delivery.nextAttemptNumber());
    if (endpoint != null) {
      // Host and port only: a webhook's path and query may carry its owner's tokens.
      builder.setAttribute("server.address", endpoint.host())
          .setAttribute("server.port", endpoint.port())
          .setAttribute("url.scheme", endpoint.tls() ? "https" : "http");
    }
    Span span = builder.startSpan();
    return new AttemptSpan(span);
  }
}
