package io.realcast.webhooks.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.metrics.Registries;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.TopicInstaller;
import io.realcast.webhooks.topic.TopicLayout;
import io.realcast.webhooks.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** A running api service on its own topics of the shared embedded broker, with a client and an admin key. */
final class ApiHarness implements AutoCloseable {
  static final String ADMIN_KEY = "test-admin-key-0123456789";

  final KafkaSettings kafka;
  final ApiService service;
  final ApiClient client;
  final PrometheusMeterRegistry registry = Registries.prometheus("api");

  private ApiHarness(KafkaSettings kafka, ApiService service) {
    this.kafka = kafka;
    this.service = service;
    this.client = new ApiClient(service.port());
  }

  static ApiHarness start(String bootstrap, String prefix, RetrySchedule retries, TargetCheck targets) throws Exception {
    KafkaSettings kafka = createTopics(bootstrap, new Topics(TestTopics.unique(prefix) + ".", retries));
    ApiConfig config = new ApiConfig(kafka, "127.0.0.1", 0, ADMIN_KEY, false, Duration.ofHours(24), Duration.ofDays(7), 1000,
        Duration.ofSeconds(30));
    PrometheusMeterRegistry registry = Registries.prometheus("api");
    ApiService service = new ApiService(config, registry, Clock.systemUTC(), targets).start();
    return new ApiHarness(kafka, service);
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
