package io.realcast.webhooks.lifecycle;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what was started, in reverse order of start, each part within its own bound and all of them within
 * an overall one. A part that does not finish in time is left to finish on its own (its closing thread is a
 * daemon) and the next one is closed: one stuck client never holds up the rest, nor the process's exit.
 * A part that fails is logged and the others are still closed.
 *
 * <pre>{@code
 * Closer closer = new Closer("demo", Duration.ofSeconds(4));
 * Broker broker = closer.add("broker", new Broker().start(), Duration.ofSeconds(2));
 * ...
 * closer.close(); // the last added first
 * }</pre>
 */
public final class Closer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

  /** One part: its name for the log, how to close it, and how long it may take. */
  private record Part(String name, AutoCloseable resource, Duration bound) {}

  /** How closing one part ended. */
  public record Outcome(String name, Duration took, boolean inTime, Exception failure) {}

  private final String owner;
  private final Duration overall;
  private final Deque<Part> parts = new ArrayDeque<>();
  private final List<Outcome> outcomes = new ArrayList<>();
  private boolean closed;

  /** @param overall the most {@link #close()} takes, whatever the parts' own bounds add up to */
  public Closer(String owner, Duration overall) {
    this.owner = owner;
    this.overall = overall;
  }

  /**
   * Registers {@code resource}, to be closed before everything registered earlier. If this closer is already
   * closed (a stop that came during start-up), the resource is closed at once and {@link ClosedException} thrown,
   * so the start stops there.
   */
  public <T extends AutoCloseable> T add(String name, T resource, Duration bound) {
    Objects.requireNonNull(resource, name);
    synchronized (this) {
      if (!closed) {
        parts.push(new Part(name, resource, bound));
        return resource;
      }
    }
    closeOne(new Part(name, resource, bound), bound);
    throw new ClosedException(owner + " is stopping; " + name + " was closed as soon as it started");
  }

  /** Closes every part, the last added first; returns when all are closed or their time is up. Idempotent. */
  @Override
  public void close() {
    List<Part> toClose = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      while (!parts.isEmpty()) {
        toClose.add(parts.pop());
      }
    }
    long deadline = System.nanoTime() + overall.toNanos();
    for (Part part : toClose) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      Outcome outcome = closeOne(part, part.bound().compareTo(left) < 0 ? part.bound() : left);
      synchronized (this) {
        outcomes.add(outcome);
      }
    }
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** How each part's close ended, in the order they were closed. */
  public synchronized List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  private Outcome closeOne(Part part, Duration bound) {
    long start = System.nanoTime();
    CompletableFuture<Void> closing = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        part.resource().close();
        closing.complete(null);
      } catch (Exception | Error e) {
        closing.completeExceptionally(e);
      }
    }, owner + "-close-" + part.name());
    thread.setDaemon(true);
    thread.start();
    try {
      closing.get(bound.toNanos(), TimeUnit.NANOSECONDS);
      return new Outcome(part.name(), Duration.ofNanos(System.nanoTime() - start), true, null);
    } catch (TimeoutException e) {
      LOG.warn("{}: {} did not stop within {} ms; moving on", owner, part.name(), bound.toMillis());
      return new Outcome(part.name(), Duration.ofNanos(System.nanoTime() - start), false, null);
    } catch (ExecutionException e) {
      Exception cause = e.getCause() instanceof Exception ex ? ex : e;
      LOG.warn("{}: error while stopping {}: {}", owner, part.name(), cause.toString());
      return new Outcome(part.name(), Duration.ofNanos(System.nanoTime() - start), true, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(part.name(), Duration.ofNanos(System.nanoTime() - start), false, e);
    }
  }

  /** Thrown by {@link #add} once closing has begun: whatever was starting must stop. */
  public static final class ClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ClosedException(String message) {
      super(message);
    }
  }
}
