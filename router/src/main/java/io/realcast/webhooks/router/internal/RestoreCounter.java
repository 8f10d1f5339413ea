package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.RouterMetrics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what is restored from changelogs. After a clean restart nothing should be: a restore means a crash, a
 * task that moved here, or state Kafka Streams could not trust (which makes restarts slow with large state).
 */
public final class RestoreCounter implements StateRestoreListener {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreCounter.class);
  private final RouterMetrics metrics;

  public RestoreCounter(RouterMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
    LOG.info("Restoring {} from {} offsets {}..{}", store, partition, startingOffset, endingOffset);
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    metrics.restored(store, numRestored);
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    LOG.info("Restored {} records of {} from {}", totalRestored, store, partition);
  }
}
