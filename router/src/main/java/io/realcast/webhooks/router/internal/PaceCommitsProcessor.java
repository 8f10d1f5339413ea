package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.commit.CommitPacer;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The first node after the events source: passes every raw event on unchanged, then asks Kafka Streams to commit when
 * its thread's {@link CommitPacer} says so. Kafka Streams' own commit interval is set to the pace's ceiling and only
 * backs this up; with a fixed pace it is the only one. A wall-clock tick every floor interval commits what the last records of a burst left open.
 *
 * <p>Output written by punctuations alone (viewer counts, events released by the app quota or the early-event grace)
 * opens no transaction here; the next raw event or Kafka Streams' ceiling commits it.
 */
public final class PaceCommitsProcessor implements Processor<String, byte[], String, byte[]> {
  private final CommitPacers pacers;
  private final RouterMetrics metrics;
  /** A fixed pace is Kafka Streams' own commit interval alone: a request on top would commit twice as often. */
  private final boolean adapts;
  private ProcessorContext<String, byte[]> context;
  /** The generation of this task's last record; when the pacer has moved past it, a commit has covered it. */
  private long pendingGeneration = -1;

  public PaceCommitsProcessor(CommitPacers pacers, RouterMetrics metrics) {
    this.pacers = pacers;
    this.metrics = metrics;
    this.adapts = pacers.pace().adapts();
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    if (!adapts) {
      return;
    }
    Duration tick = pacers.pace().floor().compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : pacers.pace().floor();
    context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    context.forward(record);
    if (!adapts) {
      return;
    }
    CommitPacer pacer = pacers.current();
    long now = context.currentSystemTimeMs();
    pendingGeneration = pacer.generation();
    if (pacer.processed(now, record.timestamp())) {
      commit(pacer, now);
    }
  }

  private void tick(long now) {
    CommitPacer pacer = pacers.current();
    // Only a task with records of its own in the open transaction asks: a request from a task with nothing to
    // commit commits nothing, yet would tell the pacer the transaction had gone.
    if (pendingGeneration == pacer.generation() && pacer.due(now)) {
      commit(pacer, now);
    }
  }

  private void commit(CommitPacer pacer, long now) {
    context.commit();
    metrics.transactionOpen(pacer.committing(now));
  }
}
