package io.realcast.webhooks.tools.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.realcast.webhooks.testing.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped deployment files, parsed, and the PromQL they contain. */
public final class DeployFiles {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern METRIC = Pattern.compile("\\b((?:realcast|kafka)_[a-z0-9_]+)\\b");
  private static final Pattern THRESHOLD = Pattern.compile("\\s*(?:==|!=|>=|<=|>|<)\\s*[0-9.]+(?![0-9a-zA-Z_\"])");

  private DeployFiles() {}

  public static Path root() {
    return RepositoryFiles.root();
  }

  public static Path alertsFile() {
    return root().resolve("deploy/prometheus/alerts.yml");
  }

  public static Path prometheusFile() {
    return root().resolve("deploy/prometheus/prometheus.yml");
  }

  public static Path dashboardFile() {
    return root().resolve("deploy/grafana/dashboards/realcast.json");
  }

  public static JsonNode compose() {
    return read(YAML, root().resolve("docker-compose.yml"));
  }

  public static JsonNode prometheus() {
    return read(YAML, prometheusFile());
  }

  /** Alert name → PromQL. */
  public static Map<String, String> alerts() {
    Map<String, String> alerts = new LinkedHashMap<>();
    for (JsonNode group : read(YAML, alertsFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        alerts.put(rule.path("alert").asText(), rule.path("expr").asText());
      }
    }
    return alerts;
  }

  /** "panel title / refId" → PromQL, with Grafana's {@code $__rate_interval} replaced by {@code rateInterval}. */
  public static Map<String, String> dashboardQueries(String rateInterval) {
    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode panel : read(JSON, dashboardFile()).path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.put(panel.path("title").asText() + " / " + target.path("refId").asText(),
            target.path("expr").asText().replace("$__rate_interval", rateInterval));
      }
    }
    return queries;
  }

  /** The metric names an expression reads. */
  public static List<String> metricNames(String promql) {
    List<String> names = new ArrayList<>();
    Matcher m = METRIC.matcher(promql);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The expression without its alerting thresholds: what must return data for the alert to be able to fire. */
  public static String withoutThresholds(String promql) {
    return THRESHOLD.matcher(promql).replaceAll("");
  }

  private static JsonNode read(ObjectMapper mapper, Path file) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }
}
