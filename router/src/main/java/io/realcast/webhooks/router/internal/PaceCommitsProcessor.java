package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.commit.CommitPacer;
import java.time.Duration;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The first node after the events source: passes every raw event on unchanged, then asks Kafka Streams to commit when
 * its thread's {@link CommitPacer} says so. Kafka Streams' own commit interval is set to the pace's ceiling and only
 * backs this up; with a fixed pace it is the only one.
 *
 * <p>When a record leaves its transaction open, a timer commits it once it is due, in case no other record comes.
 * The timer runs only while this task has records waiting: Kafka Streams counts every punctuation as work to commit,
 * so a timer on every task all the time would make every commit cover every task, flushing all their stores.
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
  /** The pacer's generation at this task's last record: see {@link CommitPacer#covers}. */
  private long pendingGeneration = -1;
  /** Set while this task has records in the open transaction that are not due yet. */
  private Cancellable timer;

  public PaceCommitsProcessor(CommitPacers pacers, RouterMetrics metrics) {
    this.pacers = pacers;
    this.metrics = metrics;
    this.adapts = pacers.pace().adapts();
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
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
    } else if (timer == null && !pacer.covers(pendingGeneration)) {
      startTimer(pacer, now);
    }
  }

  /** Fires when the open transaction is due, not a period later: a late timer is latency added to every burst's tail. */
  private void startTimer(CommitPacer pacer, long now) {
    timer = context.schedule(Duration.ofMillis(Math.max(1, pacer.untilDueMs(now))), PunctuationType.WALL_CLOCK_TIME,
        this::due);
  }

  private void due(long now) {
    CommitPacer pacer = pacers.current();
    if (pacer.covers(pendingGeneration)) {
      stopTimer(); // a commit another task (or Kafka Streams) asked for holds this one's records
    } else if (pacer.due(now)) {
      commit(pacer, now);
    } else {
      stopTimer(); // the interval grew since it was set
      startTimer(pacer, now);
    }
  }

  private void commit(CommitPacer pacer, long now) {
    context.commit();
    metrics.transactionOpen(pacer.committing(now));
    stopTimer();
  }

  private void stopTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  @Override
  public void close() {
    stopTimer();
  }
}
