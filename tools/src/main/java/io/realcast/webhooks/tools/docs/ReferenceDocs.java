package io.realcast.webhooks.tools.docs;

import io.realcast.webhooks.api.ApiConfig;
import io.realcast.webhooks.api.ApiMetrics;
import io.realcast.webhooks.api.HttpSettings;
import io.realcast.webhooks.api.Quotas;
import io.realcast.webhooks.api.history.HistoryConfig;
import io.realcast.webhooks.tools.demo.DemoSettings;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.metrics.OpsServer;
import io.realcast.webhooks.producer.ProducerConfig;
import io.realcast.webhooks.producer.ProducerMetrics;
import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.metrics.MetricDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated reference documents: docs/METRICS.md (whole file) and the configuration table inside
 * docs/OPERATIONS.md (between markers). {@code ReferenceDocsTest} fails when the committed files differ;
 * regenerate with {@value #REGENERATE}.
 */
public final class ReferenceDocs {
  public static final String REGENERATE =
      "./mvnw -B -q -pl tools -am verify -DskipITs -Dsurefire.failIfNoSpecifiedTests=false -Dtest=ReferenceDocsTest -Drealcast.docs.write=true";
  static final String GENERATED_NOTICE =
      "<!-- Generated from the code by io.realcast.webhooks.tools.docs.ReferenceDocs; do not edit by hand. -->\n\n";
  public static final String BEGIN_CONFIG = "<!-- BEGIN GENERATED: configuration reference (ReferenceDocs) -->";
  public static final String END_CONFIG = "<!-- END GENERATED: configuration reference -->";

  private ReferenceDocs() {}

  /** Every module's metric catalog, in pipeline order. */
  public static Map<String, List<MetricDef>> catalogs() {
    Map<String, List<MetricDef>> catalogs = new LinkedHashMap<>();
    catalogs.put("router", RouterMetrics.catalog());
    catalogs.put("deliverer", DelivererMetrics.catalog());
    catalogs.put("api", ApiMetrics.catalog());
    catalogs.put("producer", ProducerMetrics.catalog());
    return catalogs;
  }

  /** Which classes declare the settings each subcommand reads, by subcommand name. */
  public static Map<String, List<Class<?>>> configSources() {
    Map<String, List<Class<?>>> sources = new LinkedHashMap<>();
    sources.put("router", List.of(KafkaSettings.class, OpsServer.class, RouterConfig.class));
    sources.put("deliverer", List.of(KafkaSettings.class, DelivererConfig.class));
    sources.put("api", List.of(KafkaSettings.class, ApiConfig.class, HttpSettings.class, HistoryConfig.class, Quotas.class,
        OpsServer.class));
    sources.put("topics", List.of(KafkaSettings.class));
    sources.put("dlq", List.of(KafkaSettings.class));
    sources.put("publish", List.of(KafkaSettings.class, ProducerConfig.class));
    sources.put("simulate", List.of(KafkaSettings.class, ProducerConfig.class));
    // The demo composes every service; its own defaults (DemoSettings) come first so they are the ones shown.
    sources.put("demo", List.of(DemoSettings.class, KafkaSettings.class, OpsServer.class, RouterConfig.class,
        DelivererConfig.class, ApiConfig.class, HttpSettings.class, HistoryConfig.class, Quotas.class, ProducerConfig.class));
    return sources;
  }

  public static String metricsMarkdown() {
    return MetricsReference.render(catalogs());
  }

  /** {@code operations} with the text between the configuration markers replaced by the generated table. */
  public static String withConfigReference(String operations) {
    int begin = operations.indexOf(BEGIN_CONFIG);
    int end = operations.indexOf(END_CONFIG);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("docs/OPERATIONS.md lacks the markers " + BEGIN_CONFIG + " … " + END_CONFIG);
    }
    return operations.substring(0, begin + BEGIN_CONFIG.length()) + "\n"
        + ConfigReference.render(configSources())
        + operations.substring(end);
  }

  /** Escapes a table cell. */
  static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** Writes both documents under the repository root given as the only argument (default: the current directory). */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    write(root);
  }

  public static void write(Path root) throws IOException {
    Path docs = root.resolve("docs");
    Files.writeString(docs.resolve("METRICS.md"), metricsMarkdown(), StandardCharsets.UTF_8);
    Path operations = docs.resolve("OPERATIONS.md");
    Files.writeString(operations, withConfigReference(Files.readString(operations, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }
}
