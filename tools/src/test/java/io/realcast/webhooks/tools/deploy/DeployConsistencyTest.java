package io.realcast.webhooks.tools.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.api.ApiConfig;
import io.realcast.webhooks.app.RealcastCli;
import io.realcast.webhooks.tools.docs.ConfigReference;
import io.realcast.webhooks.tools.docs.ReferenceDocs;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.Setting;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.metrics.MetricDef;
import io.realcast.webhooks.router.RouterConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docker-compose.yml, the Prometheus files and the Grafana dashboard agree with the code. */
class DeployConsistencyTest {
  /** Services operators scale with {@code --scale}: no fixed host port, no container name. */
  private static final Set<String> SCALED = Set.of("router", "deliverer");
  private static final Set<String> SUFFIXES = Set.of("", "_bucket", "_count", "_sum", "_max");

  private final JsonNode services = DeployFiles.compose().path("services");

  @Test
  void shouldRunOnlySubcommandsTheRealcastCommandHas() {
    Set<String> subcommands = new CommandLine(new RealcastCli()).getSubcommands().keySet();

    assertThat(realcastServices()).isNotEmpty().allSatisfy(name ->
        assertThat(subcommands).as("command of compose service %s", name).contains(command(name)));
  }

  @Test
  void shouldSetOnlyEnvironmentVariablesTheServicesRead() {
    Map<String, List<Class<?>>> sources = ReferenceDocs.configSources();
    for (String name : realcastServices()) {
      Set<String> known = new HashSet<>(Set.of(ConfigSource.CONFIG_FILE_ENV));
      assertThat(sources).as("configuration classes of `realcast %s`", command(name)).containsKey(command(name));
      for (Class<?> type : sources.get(command(name))) {
        ConfigReference.settingsOf(type).stream().map(Setting::envName).forEach(known::add);
      }
      services.path(name).path("environment").fieldNames().forEachRemaining(env ->
          assertThat(known).as("%s sets %s, which `realcast %s` does not read", name, env, command(name)).contains(env));
    }
  }

  @Test
  void shouldScrapeAndHealthCheckEachServiceOnItsDefaultMetricsPort() {
    Map<String, Integer> ports = Map.of(
        "router", defaultOf(RouterConfig.METRICS_PORT),
        "deliverer", defaultOf(DelivererConfig.METRICS_PORT),
        "api", defaultOf(ApiConfig.PORT));
    JsonNode jobs = DeployFiles.prometheus().path("scrape_configs");
    List<String> scraped = new ArrayList<>();
    for (JsonNode job : jobs) {
      JsonNode dns = job.path("dns_sd_configs").path(0);
      String service = dns.path("names").path(0).asText();
      scraped.add(service);
      assertThat(services.has(service)).as("job %s discovers compose service %s", job.path("job_name").asText(), service).isTrue();
      assertThat(dns.path("port").asInt()).as("metrics port of %s", service).isEqualTo(ports.get(command(service)));
      assertThat(services.path(service).path("healthcheck").path("test").toString())
          .as("health check of %s", service).contains("127.0.0.1:" + ports.get(command(service)) + "/health");
    }
    assertThat(scraped).containsExactlyInAnyOrderElementsOf(ports.keySet());
  }

  @Test
  void shouldGiveScaledServicesNoFixedHostPortOrContainerName() {
    for (String name : SCALED) {
      assertThat(services.has(name)).as("compose service %s", name).isTrue();
      assertThat(services.path(name).has("ports")).as("%s publishes a host port", name).isFalse();
    }
    services.fieldNames().forEachRemaining(name ->
        assertThat(services.path(name).has("container_name")).as("%s has a fixed container_name", name).isFalse());
  }

  @Test
  void shouldStartServicesOnlyWhenWhatTheyNeedIsHealthy() {
    services.fields().forEachRemaining(service -> service.getValue().path("depends_on").fields().forEachRemaining(dep -> {
      String condition = dep.getValue().path("condition").asText();
      assertThat(condition).as("%s depends on %s", service.getKey(), dep.getKey())
          .isIn("service_healthy", "service_completed_successfully");
      if (condition.equals("service_healthy")) {
        assertThat(services.path(dep.getKey()).has("healthcheck")).as("%s has a healthcheck", dep.getKey()).isTrue();
      }
    }));
  }

  @Test
  void shouldDisableTopicAutoCreationInKafka() {
    assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
    assertThat(services.path("kafka").path("environment").path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()).isEqualTo("false");
    assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText()).contains("controller");
  }

  @Test
  void shouldQueryOnlyMetricNamesTheCatalogsDefine() {
    Set<String> cataloged = new HashSet<>();
    for (List<MetricDef> catalog : ReferenceDocs.catalogs().values()) {
      for (MetricDef def : catalog) {
        SUFFIXES.forEach(suffix -> cataloged.add(def.prometheusName() + suffix));
      }
    }
    List<String> queries = new ArrayList<>(DeployFiles.dashboardQueries("1m").values());
    queries.addAll(DeployFiles.alerts().values());
    for (String query : queries) {
      DeployFiles.metricNames(query).stream().filter(n -> n.startsWith("realcast_")).forEach(name ->
          assertThat(cataloged).as("%s (in %s) is in a metric catalog", name, query).contains(name));
    }
  }

  private static int defaultOf(Setting<Integer> port) {
    return Integer.parseInt(port.defaultText());
  }

  private List<String> realcastServices() {
    List<String> names = new ArrayList<>();
    services.fields().forEachRemaining(e -> {
      if (e.getValue().path("image").asText().startsWith("realcast:")) {
        names.add(e.getKey());
      }
    });
    return names;
  }

  private String command(String service) {
    return services.path(service).path("command").path(0).asText();
  }
}
