package io.realcast.webhooks.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/** Builds the Prometheus registry of a service, tagged with the service name, with JVM metrics bound. */
public final class Registries {
  private Registries() {}

  public static PrometheusMeterRegistry prometheus(String service) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags(List.of(Tag.of("service", service)));
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    // JvmGcMetrics holds a listener; it lives as long as the registry, which lives as long as the process.
    new JvmGcMetrics().bindTo(registry);
    return registry;
  }
}
