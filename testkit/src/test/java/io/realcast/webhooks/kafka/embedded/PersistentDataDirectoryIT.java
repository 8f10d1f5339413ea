package io.realcast.webhooks.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PersistentDataDirectoryIT {

  @Test
  @Timeout(90)
  void shouldKeepTopicDataWhenStartedAgainOnTheSameDirectory(@TempDir Path parent)
      throws Exception {
    Path dataDirectory = parent.resolve("broker");
    BrokerOptions options = BrokerOptions.builder().dataDirectory(dataDirectory).build();
    String topic = TestTopics.unique("kept");

    String firstClusterId;
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(options).start()) {
      firstClusterId = broker.clusterId();
      TestClients.createTopic(broker.bootstrapServers(), topic, 2);
      try (KafkaProducer<String, String> producer =
          TestClients.producer(broker.bootstrapServers(), Map.of())) {
        for (int i = 0; i < 10; i++) {
          producer
              .send(new ProducerRecord<>(topic, "key-" + i, "value-" + i))
              .get(30, TimeUnit.SECONDS);
        }
      }
    }
    assertThat(dataDirectory.resolve("cluster.id")).exists();

    // Ports are 0 again, so the second run also proves a kept directory survives new ports.
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(options).start()) {
      assertThat(broker.clusterId()).isEqualTo(firstClusterId);
      assertThat(
              TestClients.consumeUntil(
                  broker.bootstrapServers(),
                  topic,
                  records -> records.size() >= 10,
                  Duration.ofSeconds(30)))
          .extracting(ConsumerRecord::value)
          .containsExactlyInAnyOrder(
              "value-0", "value-1", "value-2", "value-3", "value-4", "value-5", "value-6",
              "value-7", "value-8", "value-9");
    }
    assertThat(Files.isDirectory(dataDirectory)).isTrue();
  }

  @Test
  @Timeout(60)
  void shouldDeleteTemporaryDirectoryOnClose() {
    Path dataDirectory;
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerOptions.defaults()).start()) {
      dataDirectory = broker.dataDirectory();
      assertThat(dataDirectory).isDirectory();
    }
    assertThat(dataDirectory).doesNotExist();
  }
}
