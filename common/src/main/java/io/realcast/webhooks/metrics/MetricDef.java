package io.realcast.webhooks.metrics;

import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.List;

/**
 * One entry of a module's metric catalog. The catalog is the only place a metric is named; the docs
 * (docs/METRICS.md) are generated from the catalogs and a test checks Grafana only queries these names.
 *
 * @param name Micrometer name, dot-separated ({@code realcast.attempts}); Prometheus sees
 *     {@link #prometheusName()}
 * @param tags tag keys; values must come from bounded sets (never webhook or delivery ids)
 */
public record MetricDef(String name, Kind kind, String unit, List<String> tags, String help) {
  public enum Kind { COUNTER, GAUGE, TIMER, DISTRIBUTION }

  public MetricDef {
    if (!name.startsWith("realcast.")) {
      throw new IllegalArgumentException("metric names start with realcast.: " + name);
    }
    tags = List.copyOf(tags);
  }

  /**
   * The base name as Prometheus exposes it (counters get {@code _total}, timers {@code _seconds}). The
   * Prometheus client drops the reserved suffixes {@code _created}, {@code _info}, {@code _bucket} and
   * {@code _total} from a name, so {@code realcast.x.created} is exposed as {@code realcast_x_total}: this
   * says so, rather than documenting a name that never appears.
   */
  public String prometheusName() {
    String base = name.replace('.', '_');
    return switch (kind) {
      case COUNTER -> PrometheusNaming.sanitizeMetricName(base) + "_total";
      case TIMER -> PrometheusNaming.sanitizeMetricName(base + "_seconds");
      case DISTRIBUTION, GAUGE -> PrometheusNaming.sanitizeMetricName(unit.isEmpty() ? base : base + "_" + unit);
    };
  }

  public String[] tagKeys() {
    return tags.toArray(String[]::new);
  }
}
