package io.realcast.webhooks.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.tools.TestHttp;
import io.realcast.webhooks.tools.deploy.DeployFiles;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.kafka.embedded.FreePorts;
import io.realcast.webhooks.signing.Signatures;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.testing.ReceiverPrograms.Language;
import io.realcast.webhooks.testing.ReceiverPrograms;
import io.realcast.webhooks.testing.RepositoryFiles;
import io.realcast.webhooks.testkit.ChildProcess;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo as a user runs it, with real outside programs: the example receivers of docs/RECEIVING.md
 * (Node.js/Express as the demo webhook's target, Python and PHP on webhooks of their own) verifying real
 * signed deliveries, and Debian's Prometheus scraping the demo with the shipped alert rules. One demo for
 * the whole class; each part is skipped cleanly when its program is not installed (CI installs them all).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DemoEndToEndIT {
  private static final Duration FLOWING_WITHIN = Duration.ofSeconds(90);

  @TempDir
  static Path dir;

  private final TestHttp http = new TestHttp();
  private final Vertx vertx = Vertx.vertx();
  private Instant startedAt;
  private Demo demo;
  private final Map<Language, ChildProcess> receivers = new EnumMap<>(Language.class);
  private final Map<Language, Integer> receiverPorts = new EnumMap<>(Language.class);
  private ChildProcess prometheus;
  private int prometheusPort;

  @BeforeAll
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void startDemoReceiverAndPrometheus() throws Exception {
    startedAt = Instant.now();
    for (Language language : Language.values()) {
      if (language.installed()) {
        receiverPorts.put(language, FreePorts.pick());
      }
    }
    Optional<String> webhookUrl = Optional.ofNullable(receiverPorts.get(Language.NODE)).map(DemoEndToEndIT::receiverUrl);
    demo = Demo.start(DemoOptions.freePorts(false, webhookUrl), ConfigSource.of(Map.of(
        DemoSettings.DATA_DIR.envName(), dir.resolve("demo").toString(),
        "REALCAST_ROUTER_VIEWER_COUNT_INTERVAL", "5s")), Clock.systemUTC());
    for (Language language : receiverPorts.keySet()) {
      String secret = language == Language.NODE ? demo.registered().secret().value() : registerWebhook(receiverPorts.get(language));
      startReceiver(language, secret);
    }
    if (ReceiverPrograms.onPath("prometheus")) {
      prometheus = startPrometheus();
    }
    demo.startSimulator();
  }

  @AfterAll
  void stopEverything() throws Exception {
    List<AutoCloseable> running = new ArrayList<>();
    running.add(prometheus);
    running.addAll(receivers.values());
    running.add(demo);
    running.add(http);
    running.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    for (AutoCloseable c : running) {
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

  @ParameterizedTest
  @EnumSource(Language.class)
  @Order(2)
  void shouldHaveTheExampleReceiverVerifyEveryDelivery(Language language) throws Exception {
    assumeReceiver(language);
    Instant deadline = Instant.now().plusSeconds(60);
    JsonNode stats = stats(language);
    while (stats.path("processed").asLong() < 20 && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      stats = stats(language);
    }

    assertThat(stats.path("processed").asLong()).as("%s receiver stats %s", language, stats).isGreaterThanOrEqualTo(20);
    assertThat(stats.path("failed").asLong()).as("%s receiver stats %s; its log:%n%s", language, stats,
        receivers.get(language).output()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  @Order(3)
  void shouldHaveTheExampleReceiverRefuseAForgedRequest(Language language) throws Exception {
    assumeReceiver(language);
    byte[] body = "{\"event\":\"stream.live\",\"timestamp\":\"2024-12-09T10:00:00Z\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
    String forged = Signatures.seed(WebhookSecret.generate(new SecureRandom()), body);

    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(receiverUrl(receiverPorts.get(language))))
        .header("Content-Type", "application/json").header("X-RealCast-Signature", forged)
        .header("X-RealCast-Webhook-Id", "dlv_forged").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as("%s receiver's answer to a forged signature", language).isEqualTo(401);
    assertThat(stats(language).path("failed").asLong()).isEqualTo(1);
  }

  @Test
  @Order(4)
  void shouldPassPromtoolOnTheShippedConfigurationAndRules() throws Exception {
    assumeTrue(ReceiverPrograms.onPath("promtool"), "promtool (Debian package prometheus) not installed");

    ChildProcess.Result config = ChildProcess.run(List.of("promtool", "check", "config", deployFile("prometheus.yml")),
        dir, Duration.ofSeconds(60));
    ChildProcess.Result rules = ChildProcess.run(List.of("promtool", "check", "rules", deployFile("alerts.yml")),
        dir, Duration.ofSeconds(60));

    assertThat(config.exitCode()).as(config.output()).isZero();
    assertThat(rules.exitCode()).as(rules.output()).isZero();
  }

  @Test
  @Order(5)
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
  @Order(6)
  void shouldReturnDataForEveryDashboardQuery() throws Exception {
    assumePrometheus();

    Map<String, String> missing = PromQueries.awaitData(http, prometheusPort, DeployFiles.dashboardQueries("1m"), Duration.ofSeconds(100));

    assertThat(missing).as("dashboard queries without data (progress %s)", demo.progress().line()).isEmpty();
  }

  @Test
  @Order(7)
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
    Map<String, String> signals = new LinkedHashMap<>();
    DeployFiles.alerts().forEach((name, expr) -> signals.put(name, DeployFiles.withoutThresholds(expr)));
    return signals;
  }

  @Test
  @Order(8)
  void shouldStopCleanlyAndFindTheSameAppWebhooksAndKeyOnTheNextStart() throws Exception {
    DemoSetup.Registered before = demo.registered();
    String key = demo.adminKey().value();
    Instant stopping = Instant.now();
    demo.close();
    assertThat(Duration.between(stopping, Instant.now())).as("time to stop").isLessThan(Duration.ofSeconds(60));
    // On a busy machine the broker may still be finishing its stop in the background (the demo does not wait past its
    // bound); a new process would not care, a new start in this one must wait for the broker's lock on its data.
    awaitReleased(dir.resolve("demo/kafka/kraft-logs/.lock"), Duration.ofSeconds(30));

    demo = Demo.start(DemoOptions.freePorts(false, Optional.empty()), ConfigSource.of(Map.of(
        DemoSettings.DATA_DIR.envName(), dir.resolve("demo").toString())), Clock.systemUTC());

    assertThat(demo.registered().appId()).isEqualTo(before.appId());
    assertThat(demo.registered().webhookId()).isEqualTo(before.webhookId());
    assertThat(demo.registered().flakyWebhookId()).isEqualTo(before.flakyWebhookId());
    assertThat(demo.adminKey().value()).isEqualTo(key);
  }

  private ChildProcess startPrometheus() throws IOException, InterruptedException {
    prometheusPort = FreePorts.pick();
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
    ChildProcess p = ChildProcess.builder("prometheus", List.of("prometheus", "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort,
        "--storage.tsdb.retention.time=1h")).directory(dir).log(dir.resolve("prometheus.log")).start();
    p.awaitOutput("Server is ready to receive web requests", Duration.ofSeconds(60));
    return p;
  }

  /** The node receiver's counters when it runs, else the built-in demo receiver's. */
  private JsonNode receiverStats() throws Exception {
    return receivers.containsKey(Language.NODE) ? stats(Language.NODE) : http.get(demo.endpoints().receiverPort(), DemoReceiver.STATS_PATH).json();
  }

  private JsonNode stats(Language language) throws Exception {
    return http.get(receiverPorts.get(language), DemoReceiver.STATS_PATH).json();
  }

  /** A webhook of the demo app, every event, at the receiver on {@code port}; its secret. */
  private String registerWebhook(int port) throws Exception {
    try (DemoApiClient api = new DemoApiClient(vertx, demo.endpoints().apiPort(), demo.adminKey().value())) {
      ObjectNode body = Json.MAPPER.createObjectNode().put("url", receiverUrl(port)).put("enabled", true);
      ArrayNode events = body.putArray("events");
      Arrays.stream(WebhookEventType.values()).forEach(t -> events.add(t.wireName()));
      return api.post("/v1/apps/" + demo.registered().appId() + "/webhooks", body).path("secret").asText();
    }
  }

  private void startReceiver(Language language, String secret) throws InterruptedException {
    int port = receiverPorts.get(language);
    Map<String, String> environment = new HashMap<>(Language.serverEnvironment(port, secret));
    environment.put("STATE_FILE", dir.resolve("php-receiver-state.json").toString());
    ChildProcess p = ChildProcess.builder(language.interpreter(), language.serverCommand(port)).environment(environment)
        .directory(language.directory()).log(dir.resolve(language.name().toLowerCase(Locale.ROOT) + "-receiver.log")).start();
    receivers.put(language, p);
    p.awaitOutput(language.readyLine(), Duration.ofSeconds(30));
  }

  private void assumeReceiver(Language language) {
    assumeTrue(receivers.containsKey(language) || "true".equals(System.getenv("CI")),
        language.interpreter() + " (and for node, npm ci in examples/receivers/node) not installed");
  }

  private static String receiverUrl(int port) {
    return "http://127.0.0.1:" + port + "/webhooks/realcast";
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

  /** Waits until no one in this JVM holds {@code lockFile} (Kafka locks its log directories with it). */
  private static void awaitReleased(Path lockFile, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Files.exists(lockFile)) {
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
        if (lock != null) {
          return;
        }
      } catch (OverlappingFileLockException stillHeld) {
        // the old broker of this JVM still holds it
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the demo's broker still holds " + lockFile + " after " + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(50); // polling the lock: there is no event for its release
    }
  }
}
