package io.realcast.webhooks.producer;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link Simulation} at a target rate: event {@code i} is due at {@code start + i / rate}, and a
 * run that falls behind catches up without sleeping. Stops at the configured duration or count, or on
 * {@link #stop()}, then ends every live stream and waits for every publish to complete.
 *
 * <pre>{@code
 * try (RealcastProducer producer = ...) {
 *   Simulator.Result r = new Simulator(config, producer::publish, Clock.systemUTC(), Pacer.sleeping(Clock.systemUTC())).run();
 * }
 * }</pre>
 */
public final class Simulator {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
  /** Publishes not yet acknowledged before the simulator waits: bounds memory if Kafka is slow. */
  static final int MAX_PENDING = 10_000;
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);

  /** Where events go: {@code RealcastProducer::publish} in production. */
  @FunctionalInterface
  public interface Sink {
    CompletableFuture<?> publish(RawEvent event);
  }

  /** Waits until an instant of the injected clock; tests move a mutable clock instead of sleeping. */
  @FunctionalInterface
  public interface Pacer {
    void awaitUntil(Instant due) throws InterruptedException;

    /** Sleeps on the real clock. */
    static Pacer sleeping(Clock clock) {
      return due -> {
        long nanos = Duration.between(clock.instant(), due).toNanos();
        if (nanos > 0) {
          Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
      };
    }
  }

  /** What a run did: events handed to the sink, acknowledged and failed, by type, and how long it took. */
  public record Result(long sent, long published, long failed, Map<RawEventType, Long> byType, Duration elapsed) {}

  private final SimulatorConfig config;
  private final Sink sink;
  private final Clock clock;
  private final Pacer pacer;
  private final Simulation simulation;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLongArray byType = new AtomicLongArray(RawEventType.values().length);
  private final Object completion = new Object();
  private volatile boolean stopping;

  public Simulator(SimulatorConfig config, Sink sink, Clock clock, Pacer pacer) {
    this.config = config;
    this.sink = sink;
    this.clock = clock;
    this.pacer = pacer;
    this.simulation = new Simulation(config, clock);
  }

  /** Runs to the end of the configured duration or count (or {@link #stop()}); returns when all is published. */
  public Result run() throws InterruptedException {
    Instant start = clock.instant();
    Instant end = start.plus(config.duration());
    long intervalNanos = config.interval().toNanos();
    LOG.info("Simulating {} streams over {} apps at {} events/s for at most {}{} (seed {})", config.streams(),
        config.apps().size(), config.eventsPerSecond(), config.duration(),
        config.maxEvents() > 0 ? " or " + config.maxEvents() + " events" : "", config.seed());
    for (long i = 0; !stopping && (config.maxEvents() == 0 || i < config.maxEvents()); i++) {
      Instant due = start.plusNanos(Math.multiplyExact(i, intervalNanos));
      if (!due.isBefore(end)) {
        break;
      }
      pacer.awaitUntil(due);
      send(simulation.next());
    }
    for (RawEvent closing : simulation.finish()) {
      send(closing);
    }
    awaitCompletion(0, DRAIN_TIMEOUT);
    Result result = result(Duration.between(start, clock.instant()));
    LOG.info("Simulation done: {} sent, {} published, {} failed in {}", result.sent(), result.published(), result.failed(),
        result.elapsed());
    return result;
  }

  /** Asks a running {@link #run()} to end its streams and return; safe from any thread. */
  public void stop() {
    stopping = true;
  }

  public long sent() {
    return sent.get();
  }

  public long published() {
    return published.get();
  }

  public long failed() {
    return failed.get();
  }

  private void send(RawEvent event) throws InterruptedException {
    awaitCompletion(MAX_PENDING - 1, DRAIN_TIMEOUT);
    sent.incrementAndGet();
    byType.incrementAndGet(event.type().ordinal());
    CompletableFuture<?> future;
    try {
      future = sink.publish(event);
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    future.whenComplete((ok, error) -> {
      if (error == null) {
        published.incrementAndGet();
      } else {
        failed.incrementAndGet();
        LOG.debug("Simulated {} not published: {}", event.type(), error.toString());
      }
      synchronized (completion) {
        completion.notifyAll();
      }
    });
  }

  /** Waits until at most {@code maxPending} publishes are outstanding. */
  private void awaitCompletion(long maxPending, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (completion) {
      while (sent.get() - published.get() - failed.get() > maxPending) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException((sent.get() - published.get() - failed.get())
              + " events still unacknowledged after " + timeout + "; is Kafka reachable?");
        }
        completion.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private Result result(Duration elapsed) {
    Map<RawEventType, Long> counts = new EnumMap<>(RawEventType.class);
    for (RawEventType t : RawEventType.values()) {
      counts.put(t, byType.get(t.ordinal()));
    }
    return new Result(sent.get(), published.get(), failed.get(), counts, elapsed);
  }
}
