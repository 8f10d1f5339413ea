package io.realcast.webhooks.producer;

import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.config.Setting;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.topic.Topics;

/**
 * How a {@link RealcastProducer} is configured: where Kafka is and the size limit it enforces before
 * sending (the router rejects larger events as {@code too_large}, so the producer refuses them first).
 */
public record ProducerConfig(KafkaSettings kafka, String clientId, int maxEventBytes) {
  public static final Setting<String> CLIENT_ID =
      Setting.string("producer.client.id", "realcast-producer", "Kafka client id of the event producer");
  public static final Setting<Integer> MAX_EVENT_BYTES = Setting.integer("producer.max.event.bytes",
      RawEventParser.DEFAULT_MAX_BYTES, 256, 1_000_000, "Raw events larger than this are refused before sending");

  public ProducerConfig {
    validate(kafka, clientId, maxEventBytes);
  }

  /** Reads and validates every setting, reporting all problems at once. */
  public static ProducerConfig read(ConfigSource source) {
    ConfigReader r = new ConfigReader(source);
    KafkaSettings kafka = KafkaSettings.read(r);
    String clientId = r.get(CLIENT_ID);
    Integer maxEventBytes = r.get(MAX_EVENT_BYTES);
    r.check(CLIENT_ID, clientId == null || !clientId.isBlank(), "must not be blank");
    r.check(KafkaSettings.BOOTSTRAP, kafka.bootstrap() != null && !kafka.bootstrap().isBlank(), "must not be blank");
    r.validate();
    return new ProducerConfig(kafka, clientId, maxEventBytes);
  }

  /** Defaults against a given broker and topics: for tests and tools. */
  public static ProducerConfig forBootstrap(String bootstrap, Topics topics) {
    return new ProducerConfig(KafkaSettings.forBootstrap(bootstrap, topics), CLIENT_ID.defaultText(), RawEventParser.DEFAULT_MAX_BYTES);
  }

  private static void validate(KafkaSettings kafka, String clientId, int maxEventBytes) {
    if (kafka == null) {
      throw new IllegalArgumentException("kafka settings are required");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException(CLIENT_ID.envName() + " must not be blank");
    }
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException(MAX_EVENT_BYTES.envName() + " must be positive");
    }
  }
}
