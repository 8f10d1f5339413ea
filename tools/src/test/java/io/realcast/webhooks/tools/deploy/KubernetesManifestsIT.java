package io.realcast.webhooks.tools.deploy;

import static io.realcast.webhooks.tools.deploy.KubernetesManifests.command;
import static io.realcast.webhooks.tools.deploy.KubernetesManifests.container;
import static io.realcast.webhooks.tools.deploy.KubernetesManifests.name;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.api.ApiConfig;
import io.realcast.webhooks.app.RealcastCli;
import io.realcast.webhooks.bench.model.Assumptions;
import io.realcast.webhooks.bench.model.CapacityModel;
import io.realcast.webhooks.bench.model.Measured;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.config.Setting;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.metrics.MetricDef;
import io.realcast.webhooks.metrics.OpsServer;
import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.tools.TestHttp;
import io.realcast.webhooks.tools.docs.ConfigReference;
import io.realcast.webhooks.tools.docs.ReferenceDocs;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * deploy/kubernetes, rendered offline for each overlay by {@code kubectl kustomize}, agrees with the code, as
 * DeployConsistencyTest checks docker-compose.yml: subcommands, environment names, ports, health paths, group ids,
 * topic names, metric names, and the figures the sizes come from.
 */
@Timeout(180)
class KubernetesManifestsIT {
  private static final List<String> OVERLAYS = List.of("dev", "production");
  private static final Map<String, Integer> METRICS_PORTS = Map.of(
      "router", defaultOf(RouterConfig.METRICS_PORT), "deliverer", defaultOf(DelivererConfig.METRICS_PORT),
      "api", defaultOf(ApiConfig.PORT));
  private static final Set<String> SUFFIXES = Set.of("", "_bucket", "_count", "_sum", "_max");
  private static final Map<String, KubernetesManifests> RENDERED = new HashMap<>();

  @BeforeAll
  static void render() {
    KubernetesManifests.assumeKubectl();
    OVERLAYS.forEach(o -> RENDERED.put(o, KubernetesManifests.render(o)));
  }

  @Test
  void shouldRunOnlySubcommandsTheRealcastCommandHasWithVariablesTheyRead() {
    Set<String> subcommands = new CommandLine(new RealcastCli()).getSubcommands().keySet();
    Map<String, List<Class<?>>> sources = ReferenceDocs.configSources();
    for (KubernetesManifests m : RENDERED.values()) {
      assertThat(m.realcastWorkloads()).extracting(KubernetesManifests::command)
          .as("%s runs every service", m.overlay()).contains("topics", "router", "deliverer", "api");
      for (JsonNode w : m.realcastWorkloads()) {
        String command = command(w);
        assertThat(subcommands).as("%s: command of %s", m.overlay(), name(w)).contains(command);
        Set<String> known = new HashSet<>(Set.of(ConfigSource.CONFIG_FILE_ENV));
        sources.get(command).forEach(type -> ConfigReference.settingsOf(type).stream().map(Setting::envName).forEach(known::add));
        for (String env : m.environment(w)) {
          // OTEL_* are the OpenTelemetry SDK's own (TracingSetup hands them to its autoconfiguration).
          assertThat(env.startsWith("OTEL_") && !command.equals("topics") || known.contains(env))
              .as("%s: %s sets %s, which `realcast %s` does not read", m.overlay(), name(w), env, command).isTrue();
        }
      }
    }
  }

  @Test
  void shouldRunOneRealcastImageInEveryWorkloadPinnedInProduction() {
    for (KubernetesManifests m : RENDERED.values()) {
      assertThat(m.realcastWorkloads()).extracting(w -> container(w).path("image").asText()).as("%s: one image", m.overlay())
          .hasSize(4).containsOnly(container(m.realcastWorkloads().get(0)).path("image").asText());
    }
    String production = container(RENDERED.get("production").get("Deployment", "realcast-deliverer")).path("image").asText();
    assertThat(production).as("a production rollout names its version").matches("realcast:\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void shouldProbeAndScrapeEachServiceOnItsOwnPort() throws Exception {
    for (KubernetesManifests m : RENDERED.values()) {
      for (JsonNode w : m.realcastWorkloads()) {
        String command = command(w);
        if (!METRICS_PORTS.containsKey(command)) {
          continue;
        }
        JsonNode c = container(w);
        int port = METRICS_PORTS.get(command);
        JsonNode declared = c.path("ports").path(0);
        assertThat(declared.path("containerPort").asInt()).as("%s: port of %s", m.overlay(), name(w)).isEqualTo(port);
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
          assertThat(c.path(probe).path("httpGet").path("port").asText()).as("%s %s", name(w), probe)
              .isEqualTo(declared.path("name").asText());
        }
        assertThat(w.path("spec").path("template").path("metadata").path("annotations").path("prometheus.io/port").asText())
            .isEqualTo(Integer.toString(port));
        JsonNode service = m.get("Service", name(w));
        assertThat(service.path("spec").path("ports").path(0).path("targetPort").asText()).isEqualTo(declared.path("name").asText());
        JsonNode monitor = m.get("ServiceMonitor", name(w));
        assertThat(selects(monitor.path("spec").path("selector").path("matchLabels"), service.path("metadata").path("labels"))).isTrue();
        assertThat(monitor.path("spec").path("endpoints").path(0).path("port").asText())
            .isEqualTo(service.path("spec").path("ports").path(0).path("name").asText());
        assertThat(monitor.path("spec").path("endpoints").path(0).path("path").asText()).isEqualTo("/metrics");
      }
      JsonNode api = container(m.get("Deployment", "realcast-api"));
      assertThat(api.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
      assertThat(api.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/ready");
    }
    assertOpsServerAnswers(Set.of("/metrics", "/health"));
  }

  /** The probe and scrape paths of router and deliverer are ones their ops server answers (not 404). */
  private static void assertOpsServerAnswers(Set<String> paths) throws Exception {
    Set<String> used = new HashSet<>();
    for (KubernetesManifests m : RENDERED.values()) {
      for (String name : List.of("realcast-router", "realcast-deliverer")) {
        JsonNode w = m.workloads().stream().filter(x -> name(x).equals(name)).findFirst().orElseThrow();
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
          JsonNode path = container(w).path(probe).path("httpGet").path("path");
          if (!path.isMissingNode()) {
            used.add(path.asText());
          }
        }
      }
    }
    used.add("/metrics");
    assertThat(paths).containsAll(used);
    Vertx vertx = Vertx.vertx();
    try (TestHttp http = new TestHttp();
        OpsServer server = OpsServer.start(vertx, "127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true)) {
      for (String path : used) {
        assertThat(http.get(server.port(), path).status()).as("GET %s", path).isEqualTo(200);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldScaleDeliverersOnTheirGroupsLagWithTheModelsThreshold() throws Exception {
    KubernetesManifests production = RENDERED.get("production");
    JsonNode scaled = production.get("ScaledObject", "realcast-deliverer");
    JsonNode deliverer = production.get("Deployment", scaled.path("spec").path("scaleTargetRef").path("name").asText());
    JsonNode trigger = scaled.path("spec").path("triggers").path(0);
    JsonNode meta = trigger.path("metadata");
    String prefix = production.value(deliverer, KafkaSettings.TOPIC_PREFIX.envName());

    assertThat(command(deliverer)).isEqualTo("deliverer");
    assertThat(trigger.path("type").asText()).isEqualTo("kafka");
    assertThat(meta.path("consumerGroup").asText()).isEqualTo(valueOr(production, deliverer, DelivererConfig.GROUP_ID));
    assertThat(meta.path("topic").asText())
        .isEqualTo(new Topics(prefix == null ? "" : prefix, RetrySchedule.DEFAULT).deliveries());
    assertThat(production.environment(deliverer)).contains(meta.path("bootstrapServersFromEnv").asText());
    int partitions = Integer.parseInt(valueOr(production, deliverer, KafkaSettings.PARTITIONS));
    assertThat(scaled.path("spec").path("maxReplicaCount").asInt()).as("more consumers than partitions sit idle")
        .isLessThanOrEqualTo(partitions);
    assertThat(scaled.path("spec").path("minReplicaCount").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(deliverer.path("spec").has("replicas")).as("KEDA owns the replica count").isFalse();
    // The threshold follows the measured per-core rate (docs/CAPACITY.md); a benchmark far from it means stale manifests.
    Measured measured = Measured.fromRuns(Json.readTree(Files.readAllBytes(DeployFiles.root().resolve("docs/benchmarks/fanout.json"))),
        Json.MAPPER.createObjectNode());
    long model = CapacityModel.lagThreshold(measured, Assumptions.DEFAULTS);
    assertThat(Long.parseLong(meta.path("lagThreshold").asText())).as("model says %d", model)
        .isBetween(model / 2, model * 2);
    assertThat(RENDERED.get("dev").of("ScaledObject")).as("no KEDA on a laptop").isEmpty();
  }

  @Test
  void shouldKeepTheRoutersStateOnItsOwnVolume() {
    for (KubernetesManifests m : RENDERED.values()) {
      JsonNode router = m.get("StatefulSet", "realcast-router");
      String dataDir = m.value(router, RouterConfig.DATA_DIR.envName());
      String claim = router.path("spec").path("volumeClaimTemplates").path(0).path("metadata").path("name").asText();
      assertThat(container(router).path("volumeMounts").findValuesAsText("mountPath")).contains(dataDir);
      assertThat(container(router).path("volumeMounts").path(0).path("name").asText()).isEqualTo(claim);
      assertThat(m.get("Service", router.path("spec").path("serviceName").asText()).path("spec").path("clusterIP").asText())
          .isEqualTo("None");
    }
  }

  @Test
  void shouldCoverEveryServiceWithOneDisruptionBudget() {
    for (KubernetesManifests m : RENDERED.values()) {
      for (JsonNode w : m.realcastWorkloads()) {
        if (w.path("kind").asText().equals("Job")) {
          continue;
        }
        JsonNode labels = w.path("spec").path("template").path("metadata").path("labels");
        assertThat(m.of("PodDisruptionBudget").stream().filter(p -> selects(p.path("spec").path("selector").path("matchLabels"), labels)))
            .as("%s: budgets of %s", m.overlay(), name(w)).hasSize(1);
      }
    }
  }

  @Test
  void shouldCarryTheAlertRulesOfDeployPrometheusWithCatalogedMetrics() throws Exception {
    JsonNode compose = DeployFiles.YAML.readTree(DeployFiles.alertsFile().toFile());
    Set<String> cataloged = new HashSet<>();
    for (List<MetricDef> catalog : ReferenceDocs.catalogs().values()) {
      catalog.forEach(def -> SUFFIXES.forEach(s -> cataloged.add(def.prometheusName() + s)));
    }
    for (KubernetesManifests m : RENDERED.values()) {
      JsonNode rules = m.get("PrometheusRule", "realcast").path("spec");
      assertThat(rules.path("groups")).as("deploy/kubernetes/base/alerts.yaml = deploy/prometheus/alerts.yml: copy the rules over").isEqualTo(compose.path("groups"));
      rules.path("groups").findValuesAsText("expr").forEach(expr -> DeployFiles.metricNames(expr).stream()
          .filter(n -> n.startsWith("realcast_")).forEach(n -> assertThat(cataloged).as("%s in %s", n, expr).contains(n)));
    }
  }

  @Test
  void shouldTakeTheAdminKeyFromASecretThatProductionDoesNotCommit() {
    KubernetesManifests dev = RENDERED.get("dev");
    KubernetesManifests production = RENDERED.get("production");
    for (KubernetesManifests m : List.of(dev, production)) {
      List<JsonNode> fromSecrets = new ArrayList<>();
      container(m.get("Deployment", "realcast-api")).path("env").forEach(e -> {
        if (e.path("valueFrom").has("secretKeyRef")) {
          fromSecrets.add(e);
        }
      });
      assertThat(fromSecrets).singleElement().satisfies(e -> {
        assertThat(e.path("name").asText()).isEqualTo(ApiConfig.ADMIN_KEY.envName());
        assertThat(e.path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo("realcast-admin");
      });
      for (JsonNode w : m.realcastWorkloads()) {
        assertThat(container(w).path("env").findValuesAsText("value")).as("no secret inline").noneMatch(v -> v.startsWith("whsec_"));
      }
    }
    assertThat(dev.get("Secret", "realcast-admin").path("data").has(ApiConfig.ADMIN_KEY.envName())).isTrue();
    assertThat(production.of("Secret")).as("production's Secret is created by the operator, never committed").isEmpty();
    for (JsonNode w : production.realcastWorkloads()) {
      assertThat(production.value(w, ApiConfig.ALLOW_PRIVATE_TARGETS.envName())).as(name(w)).isNotEqualTo("true");
    }
  }

  @Test
  void shouldGiveEveryContainerRequestsAndAMemoryLimitThatHoldsTheMeasuredHeap() throws Exception {
    Matcher ram = Pattern.compile("MaxRAMPercentage=(\\d+)").matcher(Files.readString(DeployFiles.root().resolve("deploy/Dockerfile")));
    assertThat(ram.find()).as("the image sets the heap as a share of the container's memory").isTrue();
    double heapShare = Integer.parseInt(ram.group(1)) / 100.0;
    double measuredHeapMiB = 0;
    for (JsonNode d : Json.readTree(Files.readAllBytes(DeployFiles.root().resolve("docs/benchmarks/fanout.json"))).path("deliverers")) {
      measuredHeapMiB = Math.max(measuredHeapMiB, d.path("peakHeapUsedMiB").asDouble());
    }
    for (KubernetesManifests m : RENDERED.values()) {
      for (JsonNode w : m.workloads()) {
        JsonNode resources = container(w).path("resources");
        assertThat(resources.path("requests").has("cpu") && resources.path("requests").has("memory")).as("%s requests", name(w)).isTrue();
        assertThat(resources.path("limits").has("memory")).as("%s memory limit", name(w)).isTrue();
      }
      JsonNode deliverer = container(m.get("Deployment", "realcast-deliverer"));
      double limitMiB = mebibytes(deliverer.path("resources").path("limits").path("memory").asText());
      assertThat(limitMiB * heapShare).as("%s: the deliverer's heap holds the %.0f MiB it used in the benchmark", m.overlay(),
          measuredHeapMiB).isGreaterThanOrEqualTo(measuredHeapMiB);
    }
  }

  private static double mebibytes(String quantity) {
    if (quantity.endsWith("Gi")) {
      return Double.parseDouble(quantity.substring(0, quantity.length() - 2)) * 1024;
    }
    if (quantity.endsWith("Mi")) {
      return Double.parseDouble(quantity.substring(0, quantity.length() - 2));
    }
    throw new AssertionError("a memory quantity in Mi or Gi, not " + quantity);
  }

  private static boolean selects(JsonNode selector, JsonNode labels) {
    if (selector.isMissingNode() || selector.isEmpty()) {
      return false;
    }
    boolean all = true;
    for (var it = selector.fields(); it.hasNext(); ) {
      var e = it.next();
      all &= labels.path(e.getKey()).asText().equals(e.getValue().asText());
    }
    return all;
  }

  private static String valueOr(KubernetesManifests m, JsonNode workload, Setting<?> setting) {
    String v = m.value(workload, setting.envName());
    return v != null ? v : setting.defaultText();
  }

  private static int defaultOf(Setting<Integer> port) {
    return Integer.parseInt(port.defaultText());
  }
}
