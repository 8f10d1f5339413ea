package io.realcast.webhooks.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Open-loop load: event {@code i} of a phase is due at {@code start + i / rate}, whatever the system
 * does; when the generator falls behind it sends at once but the due time stays the schedule's, so
 * the latency it causes is counted.
 */
final class LoadGenerator {
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final BenchEvents events;
  private final EventSchedule schedule;
  private final Clock clock;
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private int nextSeq;

  LoadGenerator(Producer<String, byte[]> producer, String topic, BenchEvents events, EventSchedule schedule, Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.events = events;
    this.schedule = schedule;
    this.clock = clock;
  }

  /** A range of sequence numbers [from, to). */
  record Range(int from, int to) {
    int count() {
      return to - from;
    }
  }

  /** The next {@code rate × duration} sequence numbers, reserved so a probe can watch them before they are sent. */
  Range reserve(double ratePerSecond, Duration duration) {
    int count = Math.max(1, (int) Math.round(ratePerSecond * duration.toNanos() / 1e9));
    int from = nextSeq;
    if (from + count > schedule.capacity()) {
      throw new IllegalStateException("the event schedule holds " + schedule.capacity() + " events; raise its capacity");
    }
    nextSeq = from + count;
    return new Range(from, from + count);
  }

  /** Produces {@code range} on schedule at {@code ratePerSecond}; blocks until the last event is acknowledged. */
  void produce(Range range, double ratePerSecond) {
    double intervalNanos = 1e9 / ratePerSecond;
    long start = System.nanoTime() + 1_000_000;
    for (int i = 0; i < range.count(); i++) {
      long due = start + (long) (i * intervalNanos);
      long wait = due - System.nanoTime();
      if (wait > 20_000) {
        LockSupport.parkNanos(wait);
      }
      int seq = range.from() + i;
      schedule.scheduled(seq, due);
      byte[] value = events.event(seq, clock.instant()).toJson();
      producer.send(new ProducerRecord<>(topic, events.streamOf(seq), value), (metadata, error) -> {
        if (error == null) {
          acked.incrementAndGet();
        } else {
          failed.incrementAndGet();
        }
      });
    }
    producer.flush();
  }

  int produced() {
    return nextSeq;
  }

  long acked() {
    return acked.get();
  }

  long failed() {
    return failed.get();
  }
}
