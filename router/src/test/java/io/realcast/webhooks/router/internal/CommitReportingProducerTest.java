package io.realcast.webhooks.router.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.router.commit.CommitPace;
import io.realcast.webhooks.router.commit.CommitPacer;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

/** The thread's producer tells its pacer when a transaction ended, and only once it has. */
class CommitReportingProducerTest {
  private final CommitPacers pacers = new CommitPacers(new CommitPace(Duration.ofMillis(10), Duration.ofMillis(100)));
  private final MockProducer<byte[], byte[]> mock =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final CommitReportingProducer producer = new CommitReportingProducer(mock, pacers, Time.SYSTEM);

  @Test
  void shouldReportTheEndOfEachCommitToTheCallingThreadsPacer() {
    CommitPacer pacer = pacers.current();
    long generation = pacer.generation();
    producer.initTransactions();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>("realcast.deliveries", new byte[] {1}));

    producer.commitTransaction();

    assertThat(mock.transactionCommitted()).isTrue();
    assertThat(mock.history()).hasSize(1);
    assertThat(pacer.generation()).isEqualTo(generation + 1);
  }

  @Test
  void shouldReportAnAbortedTransactionToo() {
    long generation = pacers.current().generation();
    producer.initTransactions();
    producer.beginTransaction();

    producer.abortTransaction();

    assertThat(mock.transactionAborted()).isTrue();
    assertThat(pacers.current().generation()).isEqualTo(generation + 1);
  }

  @Test
  void shouldReportNothingWhenTheCommitFailed() {
    long generation = pacers.current().generation();
    producer.initTransactions();
    producer.beginTransaction();
    mock.commitTransactionException = new KafkaException("broker gone");

    assertThatThrownBy(producer::commitTransaction).hasMessageContaining("broker gone");
    assertThat(pacers.current().generation()).isEqualTo(generation);
  }
}
