package io.realcast.webhooks.router.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.tracing.TraceParent;
import io.realcast.webhooks.tracing.Tracing;
import java.util.ArrayList;
import java.util.List;

/**
 * The router's part of a trace. Traced: a {@code route} span per event (child of the producer's span) and a
 * {@code fan-out} span per delivery under it, whose traceparent the delivery carries to the deliverer. Not traced: the
 * producer's traceparent is passed on as it came, so the deliverer and the receiver still join the producer's trace;
 * an event without one costs nothing.
 */
public final class FanOutTracing {
  private final Tracing tracing;
  private final Tracer tracer;

  public FanOutTracing(Tracing tracing) {
    this.tracing = tracing;
    this.tracer = tracing.tracer("router");
  }

  /** {@code deliveries} of {@code routed}, each carrying the traceparent the deliverer continues. */
  public List<Delivery> traced(RoutedEvent routed, List<Delivery> deliveries) {
    if (!tracing.enabled()) {
      return routed.traceParent() == null ? deliveries : withParent(deliveries, routed.traceParent());
    }
    Span route = tracer.spanBuilder("route " + routed.event().type().wireName())
        .setParent(Tracing.parent(routed.traceParent()))
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute(Tracing.EVENT_TYPE, routed.event().type().wireName())
        .setAttribute(Tracing.EVENT_ID, routed.event().id().value())
        .setAttribute(Tracing.APP_ID, routed.app().value())
        .setAttribute("realcast.deliveries", deliveries.size())
        .startSpan();
    try {
      Context parent = Context.root().with(route);
      List<Delivery> traced = new ArrayList<>(deliveries.size());
      for (Delivery d : deliveries) {
        Span fanOut = tracer.spanBuilder("fan-out")
            .setParent(parent)
            .setSpanKind(SpanKind.PRODUCER)
            .setAttribute(Tracing.DELIVERY_ID, d.id().value())
            .setAttribute(Tracing.WEBHOOK_ID, d.webhookId().value())
            .startSpan();
        traced.add(d.withTraceParent(TraceParent.of(fanOut.getSpanContext())));
        fanOut.end();
      }
      return traced;
    } finally {
      route.end();
    }
  }

  private static List<Delivery> withParent(List<Delivery> deliveries, String traceParent) {
    List<Delivery> traced = new ArrayList<>(deliveries.size());
    deliveries.forEach(d -> traced.add(d.withTraceParent(traceParent)));
    return traced;
  }
}
