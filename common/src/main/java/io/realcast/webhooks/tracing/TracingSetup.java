package io.realcast.webhooks.tracing;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns traces on for a service when the standard OpenTelemetry variables ask for them, and only then. The SDK's own
 * autoconfiguration reads every {@code OTEL_*} variable (exporter, endpoint, headers, sampler, resource attributes,
 * batch sizes); this class decides whether to build it at all, names the service, and leaves metrics and logs to
 * Micrometer and SLF4J.
 */
public final class TracingSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TracingSetup.class);

  private TracingSetup() {}

  /** The service's traces from this process's environment and {@code otel.*} system properties. */
  public static Tracing fromEnvironment(String serviceName) {
    Map<String, String> settings = new HashMap<>(System.getenv());
    System.getProperties().forEach((k, v) -> {
      String key = k.toString();
      if (key.startsWith("otel.")) {
        settings.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), v.toString());
      }
    });
    return from(serviceName, settings);
  }

  /**
   * Off unless {@link #configured}; otherwise the SDK as {@code settings} describe it. {@code settings} are
   * environment-style names ({@code OTEL_TRACES_EXPORTER}); they take precedence over this class's defaults.
   */
  public static Tracing from(String serviceName, Map<String, String> settings) {
    if (!configured(settings)) {
      return Tracing.off();
    }
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.service.name", serviceName);
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    // The JDK sender speaks OTLP over HTTP only (port 4318); the SDK's default, gRPC, would need OkHttp.
    defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    Map<String, String> given = new HashMap<>();
    settings.forEach((k, v) -> {
      if (k.startsWith("OTEL_")) {
        given.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v);
      }
    });
    OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults)
        // The settings given here (tests, the bench) as well as the process's own environment.
        .addPropertiesSupplier(() -> given)
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
    LOG.info("Traces on for {}: exporter {}, sampler {}", serviceName, settings.getOrDefault("OTEL_TRACES_EXPORTER", "otlp"),
        settings.getOrDefault("OTEL_TRACES_SAMPLER", "parentbased_always_on"));
    return Tracing.owning(sdk, () -> sdk.shutdown().join(10, TimeUnit.SECONDS));
  }

  /**
   * Whether {@code settings} ask for traces: an exporter other than {@code none} ({@code OTEL_TRACES_EXPORTER}) or an OTLP
   * endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}), and the SDK not disabled
   * ({@code OTEL_SDK_DISABLED=true}). Without any of them nothing is built: no exporter thread, no span.
   */
  public static boolean configured(Map<String, String> settings) {
    if ("true".equalsIgnoreCase(trimmed(settings, "OTEL_SDK_DISABLED"))) {
      return false;
    }
    String exporter = trimmed(settings, "OTEL_TRACES_EXPORTER");
    if (exporter != null) {
      return !exporter.equalsIgnoreCase("none");
    }
    return trimmed(settings, "OTEL_EXPORTER_OTLP_ENDPOINT") != null || trimmed(settings, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != null;
  }

  private static String trimmed(Map<String, String> settings, String name) {
    String v = settings.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
