package io.realcast.webhooks.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.realcast.webhooks.BuildInfo;

/**
 * A service's traces: whether they are on, and its tracer. Off ({@link #off()}) unless {@link TracingSetup} found them
 * configured by the standard {@code OTEL_*} variables, or a caller passed its own {@link OpenTelemetry}. Code on a hot
 * path asks {@link #enabled()} first and does nothing else when it is false: no span, no context, no allocation.
 */
public final class Tracing implements AutoCloseable {
  /** Attribute keys shared by every stage, so one query finds a delivery's spans across services. */
  public static final String DELIVERY_ID = "realcast.delivery.id";
  public static final String WEBHOOK_ID = "realcast.webhook.id";
  public static final String APP_ID = "realcast.app.id";
  public static final String EVENT_ID = "realcast.event.id";
  public static final String EVENT_TYPE = "realcast.event.type";

  private static final Tracing OFF = new Tracing(OpenTelemetry.noop(), false, () -> {});

  private final OpenTelemetry openTelemetry;
  private final boolean enabled;
  private final Runnable shutdown;

  private Tracing(OpenTelemetry openTelemetry, boolean enabled, Runnable shutdown) {
    this.openTelemetry = openTelemetry;
    this.enabled = enabled;
    this.shutdown = shutdown;
  }

  /** No traces: the default of every service and of the producer library. */
  public static Tracing off() {
    return OFF;
  }

  /** Traces through {@code openTelemetry}, which the caller owns (and shuts down): a host service's own, or a test's. */
  public static Tracing of(OpenTelemetry openTelemetry) {
    return new Tracing(openTelemetry, true, () -> {});
  }

  /** Traces through {@code openTelemetry}; {@link #close()} runs {@code shutdown}, which flushes what is not exported yet. */
  static Tracing owning(OpenTelemetry openTelemetry, Runnable shutdown) {
    return new Tracing(openTelemetry, true, shutdown);
  }

  public boolean enabled() {
    return enabled;
  }

  /** The tracer of one stage ({@code producer}, {@code router}, {@code deliverer}), named {@code io.realcast.webhooks.<stage>}. */
  public Tracer tracer(String stage) {
    return openTelemetry.getTracer("io.realcast.webhooks." + stage, BuildInfo.version());
  }

  /** A context whose parent span is the one {@code traceParent} names; the root context when it names none. */
  public static Context parent(String traceParent) {
    SpanContext remote = TraceParent.parse(traceParent);
    return remote.isValid() ? Context.root().with(Span.wrap(remote)) : Context.root();
  }

  /** Flushes and stops the exporter, if this instance owns one. */
  @Override
  public void close() {
    shutdown.run();
  }
}
