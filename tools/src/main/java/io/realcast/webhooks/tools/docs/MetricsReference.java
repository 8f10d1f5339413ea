package io.realcast.webhooks.tools.docs;

import io.realcast.webhooks.metrics.MetricDef;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders docs/METRICS.md from every module's metric catalog. */
public final class MetricsReference {
  private MetricsReference() {}

  /** @param catalogs module name → its {@code catalog()}, in the order they are documented */
  public static String render(Map<String, List<MetricDef>> catalogs) {
    StringBuilder md = new StringBuilder(8192);
    md.append("# Metrics\n\n")
        .append(ReferenceDocs.GENERATED_NOTICE)
        .append("Every service serves Prometheus text at `GET /metrics` and its health at `GET /health` ")
        .append("(router and deliverer on their metrics port, the API on its own port). Every meter carries a ")
        .append("`service` tag. Tag values come from bounded sets: event types, outcomes, reasons, retry tiers — ")
        .append("never webhook, delivery or app ids.\n\n")
        .append("Prometheus names: counters end in `_total`, timers in `_seconds` (with `_count`, `_sum` and, ")
        .append("where a histogram is published, `_bucket`).\n");
    catalogs.forEach((module, catalog) -> {
      md.append("\n## ").append(module).append("\n\n")
          .append("| Prometheus name | type | tags | description |\n")
          .append("|---|---|---|---|\n");
      for (MetricDef def : catalog) {
        md.append("| `").append(def.prometheusName()).append("` | ")
            .append(def.kind().name().toLowerCase(Locale.ROOT))
            .append(def.unit().isEmpty() ? "" : " (" + def.unit() + ")").append(" | ")
            .append(def.tags().isEmpty() ? "–" : "`" + String.join("`, `", def.tags()) + "`").append(" | ")
            .append(ReferenceDocs.cell(def.help())).append(" |\n");
      }
    });
    md.append("\n## Kafka clients and Kafka Streams\n\n")
        .append("Each service binds its Kafka producers, consumers and (router) Kafka Streams instance through ")
        .append("Micrometer (`KafkaClientMetrics`, `KafkaStreamsMetrics`): names start with `kafka_` and carry ")
        .append("`client_id` (and `topic`, `partition` where Kafka reports them). Consumer lag is ")
        .append("`kafka_consumer_fetch_manager_records_lag` per partition (plain consumers) and ")
        .append("`kafka_consumer_fetch_manager_records_lag_max`, the worst partition of each client (also Kafka Streams); ")
        .append("the dashboard shows both per `service`, the lag alert uses the latter.\n")
        .append("\nJVM and process metrics (`jvm_*`, `process_*`, `system_*`) are bound by `Registries.prometheus`.\n");
    return md.toString();
  }
}
