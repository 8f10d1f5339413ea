package io.realcast.webhooks.api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererService;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.time.Clock;

/**
 * A scripted receiver, an api and a real deliverer on topics of their own, private targets allowed: what the dashboard
 * tests drive through the browser. Closed in the reverse order of start.
 */
final class DeliveryStack implements AutoCloseable {
  final KafkaSettings kafka;
  final ScriptedReceiver receiver;
  final ApiService api;
  final DelivererService deliverer;
  final ApiClient client;

  private DeliveryStack(KafkaSettings kafka, ScriptedReceiver receiver, ApiService api, DelivererService deliverer) {
    this.kafka = kafka;
    this.receiver = receiver;
    this.api = api;
    this.deliverer = deliverer;
    this.client = new ApiClient(api.port());
  }

  static DeliveryStack start(String bootstrap, String name) throws Exception {
    String prefix = TestTopics.unique(name);
    KafkaSettings kafka = ApiHarness.createTopics(bootstrap, new Topics(prefix + ".", RetrySchedule.DEFAULT));
    ScriptedReceiver receiver = ScriptedReceiver.start();
    ApiService api = null;
    DelivererService deliverer = null;
    try {
      api = ApiHarness.startService(ApiHarness.config(kafka).withAllowPrivateTargets(true), TargetCheck.ALLOW_ALL);
      deliverer = new DelivererService(DelivererConfig.defaults(kafka).withGroupId(prefix + "-deliverer")
          .withAllowPrivateTargets(true), new SimpleMeterRegistry(), Clock.systemUTC());
      deliverer.start();
      return new DeliveryStack(kafka, receiver, api, deliverer);
    } catch (Exception | Error e) {
      if (deliverer != null) {
        deliverer.close();
      }
      if (api != null) {
        api.close();
      }
      receiver.close();
      throw e;
    }
  }

  @Override
  public void close() {
    client.close();
    deliverer.close();
    api.close();
    receiver.close();
  }
}
