package io.realcast.webhooks.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.event.InvalidRawEventException;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.event.RawEventType;
import io.realcast.webhooks.event.RawViewerLeft;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.testing.TestEvents;
import io.realcast.webhooks.testkit.TopicReader;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.TopicInstaller;
import io.realcast.webhooks.topic.TopicLayout;
import io.realcast.webhooks.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class RealcastProducerKafkaIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private String bootstrap;
  private ProducerConfig config;

  @BeforeEach
  void createTopics(@BootstrapServers String bootstrap) {
    this.bootstrap = bootstrap;
    Topics topics = new Topics(TestTopics.unique("producer") + ".", RetrySchedule.DEFAULT);
    config = ProducerConfig.forBootstrap(bootstrap, topics);
    try (Admin admin = Admin.create(config.kafka().adminProperties("producer-test-admin"))) {
      TopicInstaller.ensure(admin, TopicLayout.newTopics(topics, 3, (short) 1, Duration.ofDays(1)).stream()
          .filter(t -> t.name().equals(topics.events())).toList());
    }
  }

  @Test
  void shouldPublishEveryRawTypeAndReadBackEqualEvents() throws Exception {
    List<RawEvent> sent = new ArrayList<>();
    for (int stream = 0; stream < 3; stream++) {
      for (RawEventType type : RawEventType.values()) {
        sent.add(TestEvents.event().stream("stream_" + stream).ofType(type));
      }
    }
    try (RealcastProducer producer = new RealcastProducer(config, new SimpleMeterRegistry(), Clock.systemUTC())) {
      List<CompletableFuture<RecordMetadata>> acks = sent.stream().map(producer::publish).toList();
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    List<ConsumerRecord<String, byte[]>> records = TopicReader.readAtLeast(bootstrap, config.kafka().topics().events(), sent.size(), WAIT);

    RawEventParser parser = new RawEventParser();
    assertThat(records).extracting(r -> parser.parse(r.value())).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(records).allMatch(r -> r.key().equals(parser.parse(r.value()).streamId()));
    // One stream, one partition: its events stay in the order they were published.
    Map<String, List<RawEvent>> byStream = records.stream().map(r -> parser.parse(r.value()))
        .collect(Collectors.groupingBy(RawEvent::streamId));
    byStream.forEach((stream, events) ->
        assertThat(events).containsExactlyElementsOf(sent.stream().filter(e -> e.streamId().equals(stream)).toList()));
    assertThat(records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(ConsumerRecord::partition, Collectors.toSet()))))
        .allSatisfy((stream, partitions) -> assertThat(partitions).hasSize(1));
  }

  @Test
  void shouldRejectAnInvalidEventWithItsFieldAndWriteNothing() throws Exception {
    RawEvent bad = TestEvents.event().with(new RawViewerLeft("stream_1", ""));
    RawEvent good = TestEvents.event().viewerLeft("viewer_1");
    try (RealcastProducer producer = new RealcastProducer(config, new SimpleMeterRegistry(), Clock.systemUTC())) {
      assertThatThrownBy(() -> producer.publish(bad)).isInstanceOf(InvalidRawEventException.class).hasMessageStartingWith("data.viewer_id");
      producer.publish(good).get(60, TimeUnit.SECONDS);
    }

    List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(bootstrap, config.kafka().topics().events(), WAIT);

    assertThat(records).extracting(r -> new RawEventParser().parse(r.value())).containsExactly(good);
  }

  @Test
  void shouldFlushEverythingOnCloseWithoutWaitingForFutures() {
    int count = 500;
    try (RealcastProducer producer = new RealcastProducer(config, new SimpleMeterRegistry(), Clock.systemUTC())) {
      for (int i = 0; i < count; i++) {
        producer.chatMessage(TestEvents.APP, "stream_" + (i % 7), "msg_" + i, "user_1", "u", "message " + i);
      }
    }

    List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(bootstrap, config.kafka().topics().events(), WAIT);

    assertThat(records).hasSize(count);
  }
}
