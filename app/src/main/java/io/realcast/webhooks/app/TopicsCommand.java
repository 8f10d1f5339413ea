package io.realcast.webhooks.app;

import io.realcast.webhooks.config.ConfigException;
import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.topic.TopicInstaller;
import io.realcast.webhooks.topic.TopicLayout;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code realcast topics}: creates every topic of the platform that is missing; running it again changes nothing. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Create every RealCast topic that does not exist yet, with the configured partitions and replication.")
final class TopicsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--partitions", paramLabel = "N", description = "Partitions per topic (default: $REALCAST_TOPIC_PARTITIONS, else 12)")
  String partitions;

  @Option(names = "--replication", paramLabel = "N", description = "Replication factor (default: $REALCAST_TOPIC_REPLICATION, else 1)")
  String replication;

  private final ConfigSource source;

  TopicsCommand() {
    this(ConfigSource.fromEnvironment());
  }

  TopicsCommand(ConfigSource source) {
    this.source = source;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KafkaSettings settings;
    try {
      settings = settings();
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return ExitCodes.CONFIG;
    }
    List<NewTopic> layout = TopicLayout.newTopics(settings.topics(), settings.partitions(), settings.replication(), settings.logRetention());
    List<String> created;
    try (Admin admin = Admin.create(settings.adminProperties("realcast-topics"))) {
      created = TopicInstaller.ensure(admin, layout);
    } catch (IllegalStateException e) {
      err.println("realcast topics: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    for (NewTopic t : layout) {
      if (created.contains(t.name())) {
        out.println("created " + describe(t));
      }
    }
    out.println(created.size() + " topics created, " + (layout.size() - created.size()) + " already present");
    return ExitCodes.OK;
  }

  private KafkaSettings settings() {
    Map<String, String> overrides = kafka.asEnvironment();
    if (partitions != null) {
      overrides.put(KafkaSettings.PARTITIONS.envName(), partitions);
    }
    if (replication != null) {
      overrides.put(KafkaSettings.REPLICATION.envName(), replication);
    }
    ConfigReader reader = new ConfigReader(source.with(overrides));
    KafkaSettings settings = KafkaSettings.read(reader);
    reader.validate();
    return settings;
  }

  private static String describe(NewTopic t) {
    Map<String, String> configs = t.configs() == null ? Map.of() : t.configs();
    String extra = TopicConfig.CLEANUP_POLICY_COMPACT.equals(configs.get(TopicConfig.CLEANUP_POLICY_CONFIG)) ? ", compacted" : "";
    if (configs.containsKey(TopicConfig.RETENTION_MS_CONFIG)) {
      extra += ", retention " + Duration.ofMillis(Long.parseLong(configs.get(TopicConfig.RETENTION_MS_CONFIG)));
    }
    return t.name() + " (" + t.numPartitions() + " partitions, replication " + t.replicationFactor() + extra + ")";
  }
}
