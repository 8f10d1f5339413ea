package io.realcast.webhooks.app;

import io.realcast.webhooks.config.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Command-line overrides of the Kafka settings, applied on top of environment and properties file. */
final class KafkaOptions {
  @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: $REALCAST_KAFKA_BOOTSTRAP, else 127.0.0.1:9092)")
  String bootstrap;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Prefix of every topic name (default: $REALCAST_TOPIC_PREFIX, else none)")
  String topicPrefix;

  /** The options given, as the environment variables they override. */
  Map<String, String> asEnvironment() {
    Map<String, String> env = new HashMap<>();
    if (bootstrap != null) {
      env.put(KafkaSettings.BOOTSTRAP.envName(), bootstrap);
    }
    if (topicPrefix != null) {
      env.put(KafkaSettings.TOPIC_PREFIX.envName(), topicPrefix);
    }
    return env;
  }
}
