package io.realcast.webhooks.config;

import io.realcast.webhooks.topic.RecordLimits;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What every service needs to reach Kafka: bootstrap servers, topic names and layout. The one place
 * where Kafka client {@code Map}s are built from typed configuration.
 */
public record KafkaSettings(
    String bootstrap, Topics topics, int partitions, short replication, Duration logRetention, Map<String, String> clientOverrides) {

  public static final Setting<String> BOOTSTRAP =
      Setting.string("kafka.bootstrap", "127.0.0.1:9092", "Kafka bootstrap servers, host:port[,host:port]");
  public static final Setting<String> TOPIC_PREFIX =
      Setting.string("topic.prefix", "", "Prefix for every topic name, to share a cluster between installations");
  public static final Setting<RetrySchedule> RETRY_SCHEDULE =
      Setting.of("retry.schedule", "1s,5s,25s", RetrySchedule::parse, "Delays between attempts; one retry topic per delay");
  public static final Setting<Integer> PARTITIONS =
      Setting.integer("topic.partitions", 12, 1, 10_000, "Partitions of each topic `realcast topics` creates; bounds parallelism");
  public static final Setting<Integer> REPLICATION =
      Setting.integer("topic.replication", 1, 1, 16, "Replication factor of each topic `realcast topics` creates");
  public static final Setting<Duration> LOG_RETENTION =
      Setting.duration("log.retention", "7d", "Retention of realcast.attempts and realcast.deliveries.dead");

  /*
   * Secret because operators put sasl.jaas.config or ssl passwords here. Tests use it for short group
   * session timeouts, so a member killed with SIGKILL is replaced in seconds rather than 45.
   */
  public static final Setting<Map<String, String>> CLIENT_OVERRIDES = new Setting<>("kafka.client.overrides", "",
      KafkaSettings::parseOverrides, true,
      "Extra Kafka client settings for every client, `key=value` pairs separated by commas (e.g. `session.timeout.ms=10000`)");

  public KafkaSettings {
    clientOverrides = Map.copyOf(clientOverrides);
  }

  /** Parses {@code a.b=1,c.d=x}; blank means none. */
  static Map<String, String> parseOverrides(String text) {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || pair.substring(0, eq).isBlank()) {
        throw new IllegalArgumentException("each override is key=value, separated by commas");
      }
      overrides.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return overrides;
  }

  public static KafkaSettings read(ConfigReader r) {
    return new KafkaSettings(r.get(BOOTSTRAP), new Topics(r.get(TOPIC_PREFIX), r.get(RETRY_SCHEDULE)),
        r.get(PARTITIONS), r.get(REPLICATION).shortValue(), r.get(LOG_RETENTION), r.get(CLIENT_OVERRIDES));
  }

  /** Settings for a broker at {@code bootstrap} with default topics: handy for tests and tools. */
  public static KafkaSettings forBootstrap(String bootstrap, Topics topics) {
    return new KafkaSettings(bootstrap, topics, 3, (short) 1, Duration.ofDays(7), Map.of());
  }

  public Map<String, Object> adminProperties(String clientId) {
    Map<String, Object> p = base(clientId);
    return p;
  }

  /** Idempotent, acks=all, bytes in and out: the producer every service writes with. */
  public Map<String, Object> producerProperties(String clientId) {
    Map<String, Object> p = base(clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, RecordLimits.MAX_REQUEST_BYTES);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.putAll(clientOverrides);
    return p;
  }

  /** Manual commits, read_committed (the router writes transactionally), string keys, byte values. */
  public Map<String, Object> consumerProperties(String clientId, String groupId) {
    Map<String, Object> p = base(clientId);
    if (groupId != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.putAll(clientOverrides);
    return p;
  }

  private Map<String, Object> base(String clientId) {
    Map<String, Object> p = new HashMap<>();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return p;
  }
}
