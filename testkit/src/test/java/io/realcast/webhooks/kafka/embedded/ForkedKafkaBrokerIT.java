package io.realcast.webhooks.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ForkedKafkaBrokerIT {
  private static final Logger log = LoggerFactory.getLogger(ForkedKafkaBrokerIT.class);
  private static final int RECORDS = 2_000;
  private static final int ACKS_BEFORE_KILL = 500;
  // Unacknowledged records allowed at once: the stream is still flowing when the kill lands.
  private static final int IN_FLIGHT_WINDOW = 50;

  /*
   * No log.flush.interval.messages=1 here, on purpose. With a single replica, acks=all means the
   * leader wrote the batch with write(2) into the kernel's page cache, not that it was fsynced.
   * SIGKILL ends the process, not the kernel: the page cache (and the mmapped index pages)
   * survive, and log recovery on restart only cuts a torn tail, never a complete batch. Only a
   * machine or kernel crash loses unflushed pages; guarding that takes fsync or more replicas, and
   * is not what this test simulates. This test passing without a flush setting is the check.
   */
  @Test
  @Timeout(150)
  void shouldKeepEveryAcknowledgedRecordWhenTheBrokerProcessIsKilled() throws Exception {
    try (ForkedKafkaBroker broker = new ForkedKafkaBroker(BrokerOptions.defaults()).start()) {
      String topic = TestTopics.unique("kill9");
      TestClients.createTopic(broker.bootstrapServers(), topic, 3);
      AckLedger ledger = new AckLedger();

      long killedPid;
      ExecutorService sending = Executors.newSingleThreadExecutor();
      try (KafkaProducer<String, String> producer =
          TestClients.producer(broker.bootstrapServers(), survivesRestart())) {
        Future<?> stream = sending.submit(() -> sendPaced(producer, topic, ledger));

        assertThat(ledger.reachedKillPoint.await(30, TimeUnit.SECONDS)).isTrue();
        killedPid = broker.pid();
        broker.kill();
        int ackedAtKill = ledger.acked.size();
        assertThat(ProcessHandle.of(killedPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(broker.isAlive()).isFalse();

        broker.restart();
        assertThat(broker.pid()).isNotEqualTo(killedPid);
        stream.get(90, TimeUnit.SECONDS);
        producer.flush();
        log.info("Killed after {} acks; {} acknowledged in all", ackedAtKill, ledger.acked.size());
        assertThat(ledger.acked.size()).isGreaterThan(ackedAtKill);
      } finally {
        sending.shutdownNow();
      }

      List<ConsumerRecord<String, String>> read =
          TestClients.consumeUntil(
              broker.bootstrapServers(),
              topic,
              records -> values(records).containsAll(ledger.acked),
              Duration.ofSeconds(60));
      assertThat(values(read)).containsAll(ledger.acked);
      assertThat(ledger.failures).isEmpty();
    }
  }

  private static Map<String, Object> survivesRestart() {
    return Map.of(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 90_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
        ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
        ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 500,
        // Small batches so acknowledgements arrive a few records at a time.
        ProducerConfig.BATCH_SIZE_CONFIG, 512);
  }

  /** Sends every record, never more than the window unacknowledged, so sending spans the kill. */
  private static void sendPaced(
      KafkaProducer<String, String> producer, String topic, AckLedger ledger) {
    Semaphore window = new Semaphore(IN_FLIGHT_WINDOW);
    for (int i = 0; i < RECORDS; i++) {
      String value = "record-" + i;
      try {
        if (!window.tryAcquire(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("no acknowledgement for 60 s at record " + i);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      producer.send(
          new ProducerRecord<>(topic, value, value),
          (metadata, error) -> {
            ledger.record(value, error);
            window.release();
          });
    }
  }

  private static Set<String> values(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::value).collect(Collectors.toSet());
  }

  /** What the producer was told: acknowledged values and failures, filled from callbacks. */
  private static final class AckLedger {
    final Set<String> acked = ConcurrentHashMap.newKeySet();
    final List<Exception> failures = new CopyOnWriteArrayList<>();
    final CountDownLatch reachedKillPoint = new CountDownLatch(ACKS_BEFORE_KILL);

    void record(String value, Exception error) {
      if (error == null) {
        acked.add(value);
        reachedKillPoint.countDown();
      } else {
        failures.add(error);
      }
    }
  }
}
