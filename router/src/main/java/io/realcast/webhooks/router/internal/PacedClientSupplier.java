package io.realcast.webhooks.router.internal;

import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;

/**
 * Kafka Streams' own clients, with each stream thread's producer reporting its transactions' ends to the thread's
 * {@link CommitPacers pacer}. Without it the pacer never learns that a commit it asked for ended, and asks for no
 * other: only Kafka Streams' own interval (the pace's ceiling) would commit.
 */
public final class PacedClientSupplier extends DefaultKafkaClientSupplier {
  private final CommitPacers pacers;

  public PacedClientSupplier(CommitPacers pacers) {
    this.pacers = pacers;
  }

  @Override
  public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
    return new CommitReportingProducer(super.getProducer(config), pacers, Time.SYSTEM);
  }
}
