package io.realcast.webhooks.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.metrics.Registries;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.TopicInstaller;
import io.realcast.webhooks.topic.TopicLayout;
import io.realcast.webhooks.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;

/** A running api service on its own topics of the shared embedded broker, with a client and an admin key. */
final class ApiHarness implements AutoCloseable {
  static final String ADMIN_KEY = "test-admin-key-0123456789";

  final KafkaSettings kafka;
  final ApiService service;
  final ApiClient client;

  private ApiHarness(KafkaSettings kafka, ApiService service) {
    this.kafka = kafka;
    this.service = service;
    this.client = new ApiClient(service.port());
  }

  static ApiHarness start(String bootstrap, String prefix, RetrySchedule retries, TargetCheck targets) throws Exception {
    return start(createTopics(bootstrap, new Topics(TestTopics.unique(prefix) + ".", retries)), targets, UnaryOperator.identity());
  }

  /** An api on {@code kafka}'s topics, its configuration adjusted by {@code tweak}; returns once its history is ready. */
  static ApiHarness start(KafkaSettings kafka, TargetCheck targets, UnaryOperator<ApiConfig> tweak) throws Exception {
    ApiService service = startService(tweak.apply(config(kafka)), targets);
    return new ApiHarness(kafka, service);
  }

  /** The defaults of a test api: a free port, its own history state directory, the test admin key. */
  static ApiConfig config(KafkaSettings kafka) {
    return ApiConfig.defaults(kafka, ADMIN_KEY, stateDir(kafka.topics().prefix()));
  }

  /** Starts a service and waits until its history answers. */
  static ApiService startService(ApiConfig config, TargetCheck targets) throws Exception {
    ApiService service = new ApiService(config, Registries.prometheus("api"), Clock.systemUTC(), targets).start();
    try {
      service.awaitHistory(Duration.ofSeconds(90));
    } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
      service.close();
      throw e;
    }
    return service;
  }

  /** A fresh directory for one api instance's history state (two instances never share one). */
  static Path stateDir(String name) {
    try {
      Path base = Files.createDirectories(Path.of("target", "api-state"));
      return Files.createTempDirectory(base, name.replaceAll("[^A-Za-z0-9_-]", "_"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static KafkaSettings createTopics(String bootstrap, Topics topics) {
    KafkaSettings kafka = KafkaSettings.forBootstrap(bootstrap, topics);
    try (Admin admin = Admin.create(kafka.adminProperties("api-test-admin"))) {
      TopicInstaller.ensure(admin, TopicLayout.newTopics(topics, 2, (short) 1, Duration.ofDays(7)));
    }
    return kafka;
  }

  Topics topics() {
    return kafka.topics();
  }

  /** Creates an app and returns {id, api_key}. */
  /** An app made through the API, with the key the API shows only once. */
  record NewApp(String id, String key) {}

  /** Creates an app as the admin and keeps its id and key. */
  NewApp newApp(String name) {
    JsonNode created = createApp(name);
    return new NewApp(created.path("id").asText(), created.path("api_key").asText());
  }

  JsonNode createApp(String name) {
    ApiClient.Response r = client.post("/v1/apps", ADMIN_KEY, "{\"name\":\"" + name + "\"}");
    if (r.status() != 201) {
      throw new AssertionError("create app: " + r);
    }
    return r.json();
  }

  /** Creates a webhook of {@code app} and returns it (with its secret). */
  JsonNode createWebhook(String app, String key, String url, String... events) {
    String list = String.join(",", Arrays.stream(events).map(e -> "\"" + e + "\"").toList());
    ApiClient.Response r = client.post("/v1/apps/" + app + "/webhooks", key, "{\"url\":\"" + url + "\",\"events\":[" + list + "]}");
    if (r.status() != 201) {
      throw new AssertionError("create webhook: " + r);
    }
    return r.json();
  }

  static Map<String, String> noEnv() {
    return Map.of();
  }

  @Override
  public void close() {
    client.close();
    service.close();
  }
}
