package io.realcast.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererService;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.producer.ProducerConfig;
import io.realcast.webhooks.producer.RealcastProducer;
import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.router.RouterService;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.topic.TopicInstaller;
import io.realcast.webhooks.topic.TopicLayout;
import io.realcast.webhooks.verifier.HeaderLookup;
import io.realcast.webhooks.verifier.WebhookVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The pipeline against the official {@code apache/kafka} image, for machines with a Docker engine.
 * Everywhere else the embedded KRaft broker runs the same services; without Docker this class is
 * skipped (disabledWithoutDocker), not failed.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerKafkaPipelineIT {
  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

  private record Received(Map<String, String> headers, byte[] body) {}

  @Test
  @Timeout(180)
  void shouldDeliverASignedWebhookThroughTheOfficialKafkaImage() throws Exception {
    Path stateDir = Files.createTempDirectory("realcast-docker-it");
    ConfigSource source = ConfigSource.of(Map.of(
        KafkaSettings.BOOTSTRAP.envName(), KAFKA.getBootstrapServers(),
        KafkaSettings.PARTITIONS.envName(), "3",
        RouterConfig.DATA_DIR.envName(), stateDir.toString(),
        RouterConfig.METRICS_PORT.envName(), "0",
        DelivererConfig.METRICS_PORT.envName(), "0",
        DelivererConfig.ALLOW_PRIVATE_TARGETS.envName(), "true"));
    KafkaSettings kafka = KafkaSettings.read(new ConfigReader(source));
    try (Admin admin = Admin.create(kafka.adminProperties("docker-it"))) {
      TopicInstaller.ensure(admin, TopicLayout.newTopics(kafka.topics(), 3, (short) 1, Duration.ofDays(1)));
    }

    List<Received> received = new CopyOnWriteArrayList<>();
    Vertx vertx = Vertx.vertx();
    HttpServer receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Map<String, String> headers = new HashMap<>();
      request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
      received.add(new Received(headers, body.getBytes()));
      request.response().end("OK");
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
    AppId app = AppId.of("app_docker");
    Instant now = Instant.now();
    Subscription subscription = new Subscription(WebhookId.of("wh_docker"), app,
        "http://127.0.0.1:" + receiver.actualPort() + "/webhooks/realcast", Set.of(WebhookEventType.STREAM_LIVE), true,
        "", secret, Optional.empty(), now, now, null);
    try (KafkaProducer<String, byte[]> registry = new KafkaProducer<>(kafka.producerProperties("docker-it-registry"))) {
      registry.send(new ProducerRecord<>(kafka.topics().webhooks(), subscription.id().value(),
          SubscriptionCodec.encode(subscription))).get(30, TimeUnit.SECONDS);
    }

    try (RouterService router = new RouterService(RouterConfig.read(source), new SimpleMeterRegistry(), Clock.systemUTC());
        DelivererService deliverer = new DelivererService(DelivererConfig.read(source), new SimpleMeterRegistry(), Clock.systemUTC());
        RealcastProducer producer = new RealcastProducer(ProducerConfig.read(source), new SimpleMeterRegistry(), Clock.systemUTC())) {
      router.start();
      deliverer.start();
      producer.streamLive(app, "stream_docker", "Docker \"quoted\" title ✓", "user_1").get(30, TimeUnit.SECONDS);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (received.isEmpty() && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(50); // polling interval of the deadline loop
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    assertThat(received).hasSize(1);
    Received request = received.get(0);
    assertThat(new String(request.body(), StandardCharsets.UTF_8))
        .startsWith("{\"event\":\"stream.live\"").contains("\"title\":\"Docker \\\"quoted\\\" title ✓\"");
    WebhookVerifier verifier = WebhookVerifier.withSecrets(secret.value());
    verifier.verifyStandardWebhooks(request.body(), HeaderLookup.of(request.headers()));
    verifier.verifyRealcastSignatureWithoutReplayProtection(request.body(), HeaderLookup.of(request.headers()));
  }
}
