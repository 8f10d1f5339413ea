package io.realcast.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.event.RawEventType;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.testing.TestEvents;
import io.realcast.webhooks.testkit.TopicReader;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code realcast topics}, {@code publish} and {@code simulate}, run in-process against the embedded broker. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(180)
class ToolCommandsKafkaIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private String bootstrap;
  private Topics topics;
  private ConfigSource environment;

  @BeforeEach
  void environment(@BootstrapServers String bootstrap) {
    this.bootstrap = bootstrap;
    String prefix = TestTopics.unique("cli") + ".";
    topics = new Topics(prefix, RetrySchedule.DEFAULT);
    environment = ConfigSource.of(Map.of()).with(Map.of(
        KafkaSettings.BOOTSTRAP.envName(), bootstrap, KafkaSettings.TOPIC_PREFIX.envName(), prefix,
        KafkaSettings.PARTITIONS.envName(), "2"));
  }

  @Test
  void shouldCreateEveryTopicOnceAndNothingTheSecondTime() throws Exception {
    ToolCli.Run first = ToolCli.run(environment, "topics");
    ToolCli.Run second = ToolCli.run(environment, "topics");

    assertThat(first.exitCode()).as(first.err()).isZero();
    for (String topic : topics.all()) {
      assertThat(first.out()).contains("created " + topic + " (");
    }
    assertThat(first.out()).contains("created " + topics.events() + " (2 partitions, replication 1)")
        .contains("created " + topics.webhooks() + " (1 partitions, replication 1, compacted)")
        .contains(topics.all().size() + " topics created, 0 already present");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).doesNotContain("created ").contains("0 topics created, " + topics.all().size() + " already present");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<String, TopicDescription> described = admin.describeTopics(topics.all()).allTopicNames().get(30, TimeUnit.SECONDS);
      assertThat(described.get(topics.events()).partitions()).hasSize(2);
      assertThat(described.get(topics.deliveries()).partitions()).hasSize(2);
      assertThat(described.get(topics.webhooks()).partitions()).hasSize(1);
    }
  }

  @Test
  void shouldTakePartitionsFromTheCommandLineAndRefuseBadValuesByName() {
    ToolCli.Run bad = ToolCli.run(environment, "topics", "--partitions", "0", "--replication", "x");
    ToolCli.Run good = ToolCli.run(environment, "topics", "--partitions", "3");

    assertThat(bad.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(bad.err()).contains("REALCAST_TOPIC_PARTITIONS").contains("REALCAST_TOPIC_REPLICATION");
    assertThat(good.exitCode()).isZero();
    assertThat(good.out()).contains("created " + topics.events() + " (3 partitions");
  }

  @Test
  void shouldPublishTheValidLinesOfAFileAndReportTheBadOnesByLine(@TempDir Path dir) throws Exception {
    assertThat(ToolCli.run(environment, "topics").exitCode()).isZero();
    RawEvent live = TestEvents.event().streamLive();
    RawEvent joined = TestEvents.event().viewerJoined("viewer_1");
    RawEvent chat = TestEvents.event().chat("Zoë", "\"quoted\" \uD83C\uDFAE");
    String missingViewer = new String(TestEvents.event().viewerJoined("viewer_2").toJson(), StandardCharsets.UTF_8)
        .replace(",\"viewer_id\":\"viewer_2\"", "");
    Path file = dir.resolve("events.jsonl");
    Files.write(file, List.of(text(live), "{not json", text(joined), missingViewer, text(chat)), StandardCharsets.UTF_8);

    ToolCli.Run run = ToolCli.run(environment, "publish", "--file", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err().lines().toList()).hasSize(2);
    assertThat(run.err()).contains("line 2: malformed_json: ").contains("line 4: missing_field data.viewer_id: is required");
    assertThat(run.out()).contains("published 3, rejected 2");
    List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(bootstrap, topics.events(), WAIT);
    assertThat(records).extracting(r -> new RawEventParser().parse(r.value())).containsExactlyInAnyOrder(live, joined, chat);
  }

  @Test
  void shouldPublishFromStdinAndSucceedWhenEveryLineIsValid() {
    assertThat(ToolCli.run(environment, "topics").exitCode()).isZero();
    String lines = TestEvents.oneOfEachType().stream().map(ToolCommandsKafkaIT::text).collect(Collectors.joining("\n"));

    ToolCli.Run run = ToolCli.run(environment, new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), "publish");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("published " + RawEventType.values().length + ", rejected 0");
    assertThat(TopicReader.readAll(bootstrap, topics.events(), WAIT)).hasSize(RawEventType.values().length);
  }

  @Test
  void shouldRefuseAMissingFile(@TempDir Path dir) {
    ToolCli.Run run = ToolCli.run(environment, "publish", "-f", dir.resolve("nope.jsonl").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(run.err()).contains("cannot read").contains("nope.jsonl");
  }

  @Test
  void shouldSimulateRealisticLoadForADurationAndEndEveryStream() {
    assertThat(ToolCli.run(environment, "topics").exitCode()).isZero();

    ToolCli.Run run = ToolCli.run(environment, "simulate", "--rate", "200", "--duration", "3s", "--streams", "4", "--apps", "2",
        "--seed", "11");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    Matcher done = Pattern.compile("Simulated (\\d+) events in [\\d.]+ s: published (\\d+), failed 0").matcher(run.out());
    assertThat(done.find()).as(run.out()).isTrue();
    long published = Long.parseLong(done.group(2));
    assertThat(published).isEqualTo(Long.parseLong(done.group(1))).isGreaterThan(300);
    List<RawEvent> events = TopicReader.readAll(bootstrap, topics.events(), WAIT).stream()
        .map(r -> new RawEventParser().parse(r.value())).toList();
    assertThat(events).hasSize((int) published);
    assertThat(events.stream().map(e -> e.appId().value()).collect(Collectors.toSet())).isEqualTo(Set.of("app_sim1", "app_sim2"));
    assertThat(events.stream().filter(e -> e.type() == RawEventType.STREAM_LIVE).count())
        .isEqualTo(events.stream().filter(e -> e.type() == RawEventType.STREAM_OFFLINE).count());
  }

  @Test
  void shouldRefuseANonsenseSimulation() {
    ToolCli.Run run = ToolCli.run(environment, "simulate", "--rate", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(run.err()).contains("rate");
  }

  private static String text(RawEvent event) {
    return new String(event.toJson(), StandardCharsets.UTF_8);
  }
}
