package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.testkit.Endpoint;
import io.realcast.webhooks.testkit.Ledger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Builds the scenarios' subscriptions and writes them to {@code realcast.webhooks}, as the API stores them. */
public final class Subscriptions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Subscriptions() {}

  /**
   * For each app: two subscriptions to every predictable type and one to chat.message.new only (so filtering
   * by type is part of every ledger), all at {@code url(webhookId)}.
   */
  public static List<Endpoint> standard(String tag, List<AppId> apps, Function<WebhookId, String> url, boolean mayFail) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (AppId app : apps) {
      String base = "wh_" + tag + "_" + app.value().substring(4);
      endpoints.add(endpoint(WebhookId.of(base + "_all1"), app, Endpoint.predictableTypes(), url, mayFail));
      endpoints.add(endpoint(WebhookId.of(base + "_all2"), app, Endpoint.predictableTypes(), url, mayFail));
      endpoints.add(endpoint(WebhookId.of(base + "_chat"), app, EnumSet.of(WebhookEventType.CHAT_MESSAGE_NEW), url, mayFail));
    }
    return endpoints;
  }

  public static Endpoint endpoint(WebhookId id, AppId app, Set<WebhookEventType> events,
      Function<WebhookId, String> url, boolean mayFail) {
    return new Endpoint(id, app, events, WebhookSecret.generate(RANDOM), url.apply(id), mayFail);
  }

  /** Writes every endpoint's subscription (acks=all) and registers it with the ledger. */
  public static void seed(SystemUnderTest sut, Ledger ledger, List<Endpoint> endpoints) {
    Instant now = Instant.now();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(sut.kafka().producerProperties("system-test-seed"))) {
      for (Endpoint e : endpoints) {
        producer.send(new ProducerRecord<>(sut.topics().webhooks(), e.webhook().value(),
            SubscriptionCodec.encode(e.subscription(now)))).get(30, TimeUnit.SECONDS);
        ledger.register(e);
      }
    } catch (Exception e) {
      throw new AssertionError("could not seed subscriptions", e);
    }
  }

  public static List<AppId> apps(String tag, int count) {
    List<AppId> apps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      apps.add(AppId.of("app_" + tag + i));
    }
    return apps;
  }
}
