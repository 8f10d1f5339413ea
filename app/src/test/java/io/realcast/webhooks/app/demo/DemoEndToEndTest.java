package io.realcast.webhooks.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.app.ExternalProcess;
import io.realcast.webhooks.app.RepositoryFiles;
import io.realcast.webhooks.app.TestHttp;
import io.realcast.webhooks.app.deploy.DeployFiles;
import io.realcast.webhooks.config.ConfigSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it, with real outside programs: the seed's own Express receiver (node) as the
 * demo webhook's target, and Debian's Prometheus scraping the demo with the shipped alert rules. One demo
 * for the whole class; each part is skipped cleanly when its program is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DemoEndToEndTest {
  private static final Duration FLOWING_WITHIN = Duration.ofSeconds(90);
  private static final Path SEED = RepositoryFiles.root().resolve("deploy/seed-receiver");

  @TempDir
  static Path dir;

  private final TestHttp http = new TestHttp();
  private Instant startedAt;
  private Demo demo;
  private ExternalProcess seed;
  private int seedPort;
  private ExternalProcess prometheus;
  private int prometheusPort;

  @BeforeAll
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void startDemoReceiverAndPrometheus() throws Exception {
    startedAt = Instant.now();
    boolean node = Files.isDirectory(SEED.resolve("node_modules/express")) && onPath("node");
    seedPort = node ? freePort() : -1;
    Optional<String> webhookUrl = node ? Optional.of("http://127.0.0.1:" + seedPort + "/webhooks/realcast") : Optional.empty();
    demo = Demo.start(DemoOptions.freePorts(false, webhookUrl), ConfigSource.of(Map.of(
        DemoSettings.DATA_DIR.envName(), dir.resolve("demo").toString(),
        "REALCAST_ROUTER_VIEWER_COUNT_INTERVAL", "5s")), Clock.systemUTC());
    if (node) {
      seed = ExternalProcess.start(List.of("node", "server.js"), Map.of("PORT", Integer.toString(seedPort), "HOST", "127.0.0.1",
          "WEBHOOK_SECRET", demo.registered().secret().value()), SEED, dir.resolve("seed-receiver.log"));
      seed.awaitOutput("Seed receiver listening", Duration.ofSeconds(30));
    }
    if (onPath("prometheus")) {
      prometheus = startPrometheus();
    }
    demo.startSimulator();
  }

  @AfterAll
  void stopEverything() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {prometheus, seed, demo, http}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  @Order(1)
  void shouldHaveDeliveriesFlowingWithin90Seconds() throws Exception {
    Instant deadline = startedAt.plus(FLOWING_WITHIN);
    while (!(demo.progress().deliveries() > 0 && receiverStats().path("processed").asLong() > 0)) {
      assertThat(Instant.now()).as("deliveries flowing within %s; progress: %s, receiver: %s", FLOWING_WITHIN,
          demo.progress().line(), receiverStats()).isBefore(deadline);
      Thread.sleep(250);
    }
  }

  @Test
  @Order(2)
  void shouldHaveTheSeedsExpressReceiverVerifyEveryRequest() throws Exception {
    assumeTrue(seed != null, "node or deploy/seed-receiver/node_modules missing (run npm ci there)");
    Instant deadline = Instant.now().plusSeconds(60);
    JsonNode stats = receiverStats();
    while (stats.path("processed").asLong() < 20 && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      stats = receiverStats();
    }

    assertThat(stats.path("processed").asLong()).as("seed receiver stats %s", stats).isGreaterThanOrEqualTo(20);
    assertThat(stats.path("failed").asLong()).as("seed receiver stats %s; its log:%n%s", stats, seed.output()).isZero();
  }

  @Test
  @Order(3)
  void shouldPassPromtoolOnTheShippedConfigurationAndRules() throws Exception {
    assumeTrue(onPath("promtool"), "promtool (Debian package prometheus) not installed");

    ExternalProcess.Result config = ExternalProcess.run(List.of("promtool", "check", "config", deployFile("prometheus.yml")),
        dir, Duration.ofSeconds(60));
    ExternalProcess.Result rules = ExternalProcess.run(List.of("promtool", "check", "rules", deployFile("alerts.yml")),
        dir, Duration.ofSeconds(60));

    assertThat(config.exitCode()).as(config.output()).isZero();
    assertThat(rules.exitCode()).as(rules.output()).isZero();
  }

  @Test
  @Order(4)
  void shouldScrapeEveryDemoServiceAsUp() throws Exception {
    assumePrometheus();
    Instant deadline = Instant.now().plusSeconds(60);
    JsonNode targets = http.get(prometheusPort, "/api/v1/targets").json().path("data").path("activeTargets");
    while (!allUp(targets) && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      targets = http.get(prometheusPort, "/api/v1/targets").json().path("data").path("activeTargets");
    }

    assertThat(targets).hasSize(3);
    assertThat(allUp(targets)).as("targets %s", targets).isTrue();
  }

  @Test
  @Order(5)
  void shouldReturnDataForEveryDashboardQuery() throws Exception {
    assumePrometheus();

    Map<String, String> missing = PromQueries.awaitData(http, prometheusPort, DeployFiles.dashboardQueries("1m"), Duration.ofSeconds(100));

    assertThat(missing).as("dashboard queries without data (progress %s)", demo.progress().line()).isEmpty();
  }

  @Test
  @Order(6)
  void shouldEvaluateEveryAlertRuleOnRealSeriesWithoutFiringServiceDownOrWebhookDisabled() throws Exception {
    assumePrometheus();

    Map<String, String> missing = PromQueries.awaitData(http, prometheusPort, alertSignals(), Duration.ofSeconds(60));
    JsonNode rules = http.get(prometheusPort, "/api/v1/rules").json().path("data").path("groups").path(0).path("rules");

    assertThat(missing).as("alert rules watching series that do not exist").isEmpty();
    assertThat(rules).hasSize(DeployFiles.alerts().size())
        .allSatisfy(rule -> assertThat(rule.path("health").asText()).as("rule %s", rule).isEqualTo("ok"));
    assertThat(PromQueries.query(http, prometheusPort, DeployFiles.alerts().get("RealcastServiceDown"))).as("service down").isEmpty();
    assertThat(PromQueries.query(http, prometheusPort, DeployFiles.alerts().get("RealcastWebhookDisabled"))).as("webhook disabled").isEmpty();
  }

  /** Each alert's expression without its thresholds: the series it watches, which must exist. */
  private static Map<String, String> alertSignals() {
    Map<String, String> signals = new java.util.LinkedHashMap<>();
    DeployFiles.alerts().forEach((name, expr) -> signals.put(name, DeployFiles.withoutThresholds(expr)));
    return signals;
  }

  @Test
  @Order(7)
  void shouldStopCleanlyAndFindTheSameAppWebhooksAndKeyOnTheNextStart() throws Exception {
    DemoSetup.Registered before = demo.registered();
    String key = demo.adminKey().value();
    Instant stopping = Instant.now();
    demo.close();
    assertThat(Duration.between(stopping, Instant.now())).as("time to stop").isLessThan(Duration.ofSeconds(60));

    demo = Demo.start(DemoOptions.freePorts(false, Optional.empty()), ConfigSource.of(Map.of(
        DemoSettings.DATA_DIR.envName(), dir.resolve("demo").toString())), Clock.systemUTC());

    assertThat(demo.registered().appId()).isEqualTo(before.appId());
    assertThat(demo.registered().webhookId()).isEqualTo(before.webhookId());
    assertThat(demo.registered().flakyWebhookId()).isEqualTo(before.flakyWebhookId());
    assertThat(demo.adminKey().value()).isEqualTo(key);
  }

  private ExternalProcess startPrometheus() throws IOException, InterruptedException {
    prometheusPort = freePort();
    DemoEndpoints e = demo.endpoints();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, String.join("\n",
        "global: {scrape_interval: 1s, evaluation_interval: 1s}",
        "rule_files: ['" + RepositoryFiles.root().resolve("deploy/prometheus/alerts.yml") + "']",
        "scrape_configs:",
        "  - {job_name: realcast-router, static_configs: [{targets: ['127.0.0.1:" + e.routerMetricsPort() + "']}]}",
        "  - {job_name: realcast-deliverer, static_configs: [{targets: ['127.0.0.1:" + e.delivererMetricsPort() + "']}]}",
        "  - {job_name: realcast-api, static_configs: [{targets: ['127.0.0.1:" + e.apiPort() + "']}]}",
        ""), StandardCharsets.UTF_8);
    ExternalProcess p = ExternalProcess.start(List.of("prometheus", "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort,
        "--storage.tsdb.retention.time=1h"), Map.of(), dir, dir.resolve("prometheus.log"));
    p.awaitOutput("Server is ready to receive web requests", Duration.ofSeconds(60));
    return p;
  }

  private JsonNode receiverStats() throws Exception {
    int port = seed != null ? seedPort : demo.endpoints().receiverPort();
    return http.get(port, DemoReceiver.STATS_PATH).json();
  }

  private void assumePrometheus() {
    assumeTrue(prometheus != null, "prometheus (Debian package prometheus) not installed");
  }

  private static boolean allUp(JsonNode targets) {
    if (targets.size() == 0) {
      return false;
    }
    for (JsonNode t : targets) {
      if (!"up".equals(t.path("health").asText())) {
        return false;
      }
    }
    return true;
  }

  private static String deployFile(String name) {
    return RepositoryFiles.root().resolve("deploy/prometheus").resolve(name).toString();
  }

  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
