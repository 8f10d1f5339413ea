package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.api.ApiConfig;
import io.realcast.webhooks.api.history.HistoryConfig;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.kafka.embedded.FreePorts;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.metrics.OpsServer;
import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.TopicInstaller;
import io.realcast.webhooks.topic.TopicLayout;
import io.realcast.webhooks.topic.Topics;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * One scenario's installation: its own topics (a unique prefix), consumer groups and application ids on a
 * shared broker, and the services it launched as separate JVMs. Configuration goes to the children as the
 * {@code REALCAST_*} environment variables of the services' own {@code Setting}s.
 */
public final class SystemUnderTest implements AutoCloseable {
  /** Four partitions: enough for two deliverers or two routers to share the work. */
  public static final int PARTITIONS = 4;
  /*
   * A member killed with SIGKILL never leaves its group: the coordinator waits a session timeout before
   * giving its partitions to someone else. 6 s (the broker's minimum) instead of 45 s keeps scenarios short.
   */
  static final String FAST_GROUPS = "session.timeout.ms=6000,heartbeat.interval.ms=1000";

  private final String scenario;
  private final String bootstrap;
  private final Topics topics;
  private final Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final BlockingHttp http = new BlockingHttp(vertx);
  private final List<ServiceProcess> services = new ArrayList<>();

  public SystemUnderTest(String scenario, String bootstrap, RetrySchedule retries) {
    this.scenario = scenario;
    this.bootstrap = bootstrap;
    this.topics = new Topics(TestTopics.unique(scenario) + ".", retries);
    this.dir = Path.of("target", "system-tests", topics.prefix().replaceAll("\\.$", "")).toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Admin admin = Admin.create(kafka().adminProperties("system-test-topics"))) {
      TopicInstaller.ensure(admin, TopicLayout.newTopics(topics, PARTITIONS, (short) 1, Duration.ofDays(1)));
    }
  }

  public Topics topics() {
    return topics;
  }

  public String bootstrap() {
    return bootstrap;
  }

  /** Kafka settings of this installation, for the test's own clients. */
  public KafkaSettings kafka() {
    return KafkaSettings.forBootstrap(bootstrap, topics);
  }

  public Path dir() {
    return dir;
  }

  public BlockingHttp http() {
    return http;
  }

  public Vertx vertx() {
    return vertx;
  }

  public List<ServiceProcess> services() {
    return List.copyOf(services);
  }

  /** Settings every service shares: the broker, the topics, private targets allowed (receivers are on 127.0.0.1). */
  private Map<String, String> common() {
    Map<String, String> env = new HashMap<>();
    env.put(KafkaSettings.BOOTSTRAP.envName(), bootstrap);
    env.put(KafkaSettings.TOPIC_PREFIX.envName(), topics.prefix());
    env.put(KafkaSettings.RETRY_SCHEDULE.envName(), topics.retries().toString());
    env.put(KafkaSettings.PARTITIONS.envName(), Integer.toString(PARTITIONS));
    env.put(KafkaSettings.CLIENT_OVERRIDES.envName(), FAST_GROUPS);
    env.put(DelivererConfig.ALLOW_PRIVATE_TARGETS.envName(), "true");
    return env;
  }

  /** A router instance; instances launched by one scenario share its application id (one Streams group). */
  public ServiceProcess startRouter(String name, Map<String, String> extra) {
    int port = FreePorts.pick();
    Map<String, String> env = common();
    env.put(RouterConfig.APPLICATION_ID.envName(), topics.prefix() + "router");
    env.put(RouterConfig.METRICS_PORT.envName(), Integer.toString(port));
    env.put(OpsServer.HOST.envName(), "127.0.0.1");
    env.put(RouterConfig.DATA_DIR.envName(), dir.resolve(name + "-data").toString());
    env.put(RouterConfig.STREAM_THREADS.envName(), "1");
    // viewer.count.update is time-driven; the scenarios subscribe to it nowhere and keep the ticks rare.
    env.put(RouterConfig.VIEWER_COUNT_INTERVAL.envName(), "1h");
    env.putAll(extra);
    return launch(name, "router", env, port);
  }

  /** A deliverer instance; instances launched by one scenario share one consumer group. */
  public ServiceProcess startDeliverer(String name, Map<String, String> extra) {
    int port = FreePorts.pick();
    Map<String, String> env = common();
    env.put(DelivererConfig.GROUP_ID.envName(), topics.prefix() + "deliverer");
    env.put(DelivererConfig.METRICS_PORT.envName(), Integer.toString(port));
    env.put(DelivererConfig.COMMIT_INTERVAL.envName(), "500ms");
    env.put(DelivererConfig.SHUTDOWN_GRACE.envName(), "5s");
    env.putAll(extra);
    return launch(name, "deliverer", env, port);
  }

  /** The API on a free port; /health answers there too. */
  public ServiceProcess startApi(String name, String adminKey, Map<String, String> extra) {
    int port = FreePorts.pick();
    Map<String, String> env = common();
    env.put(ApiConfig.PORT.envName(), Integer.toString(port));
    env.put(ApiConfig.HOST.envName(), "127.0.0.1");
    env.put(ApiConfig.ADMIN_KEY.envName(), adminKey);
    // Each api instance keeps its share of the delivery history in a directory of its own.
    env.put(HistoryConfig.DATA_DIR.envName(), dir.resolve(name + "-data").toString());
    env.putAll(extra);
    return launch(name, "api", env, port);
  }

  /** Launches {@code realcast <command>} with exactly {@code env}; the port is where its /health answers. */
  public ServiceProcess launch(String name, String command, Map<String, String> env, int healthPort) {
    ServiceProcess service = ServiceProcess.launch(name, command, env, dir, healthPort);
    services.add(service);
    return service;
  }

  /** Waits until {@code service} answers /health with 200. */
  public void awaitHealthy(ServiceProcess service, Duration timeout) {
    Deadline.await(service + " healthy", timeout, () -> {
      if (!service.isAlive()) {
        throw new AssertionError(service + " exited before it was healthy:\n" + service.logTail(40));
      }
      return http.get(service.metricsPort(), "/health", Map.of()).status() == 200;
    }, () -> "\n" + service.logTail(20));
  }

  /** Waits until an api answers /ready: its delivery history answers too (after /health, which only says it serves). */
  public void awaitReady(ServiceProcess api, Duration timeout) {
    awaitHealthy(api, timeout);
    Deadline.await(api + " ready", timeout, () -> http.get(api.metricsPort(), "/ready", Map.of()).status() == 200,
        () -> "\n" + api.logTail(20));
  }

  /** SIGKILLs every service still running: teardown does not need their clean shutdown. */
  @Override
  public void close() {
    services.forEach(ServiceProcess::kill);
    http.close();
    vertx.close();
  }

  @Override
  public String toString() {
    return scenario + " on " + bootstrap + " (" + dir + ")";
  }
}
