package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.id.WebhookId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane per webhook: at most {@code maxInFlight} deliveries running, at most {@code queueCap} waiting.
 * A full lane refuses more ({@link #offer} returns false) so its caller can defer the record instead
 * of letting one slow endpoint fill the instance's buffer. Thread-safe: offers come from the poll
 * thread, completions from HTTP and producer threads.
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** A record handed to the dispatcher: where it came from and what to deliver. */
  public record Work(PartitionProgress partition, long offset, Delivery delivery) {}

  private static final class Lane {
    final ArrayDeque<Work> queue = new ArrayDeque<>();
    int inFlight;
  }

  private final Map<WebhookId, Lane> lanes = new HashMap<>();
  private final Function<Delivery, CompletionStage<Void>> runner;
  private final Consumer<Work> onDurable;
  private final int maxInFlight;
  private final int queueCap;
  private final AtomicInteger buffered = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();

  public Dispatcher(Function<Delivery, CompletionStage<Void>> runner, Consumer<Work> onDurable, int maxInFlight, int queueCap) {
    this.runner = runner;
    this.onDurable = onDurable;
    this.maxInFlight = maxInFlight;
    this.queueCap = queueCap;
  }

  /** Takes {@code work} unless its webhook's lane is full; {@code force} takes it regardless. */
  public boolean offer(Work work, boolean force) {
    List<Work> start;
    synchronized (this) {
      Lane lane = lanes.computeIfAbsent(work.delivery().webhookId(), id -> new Lane());
      if (!force && lane.inFlight >= maxInFlight && lane.queue.size() >= queueCap) {
        return false;
      }
      buffered.incrementAndGet();
      lane.queue.add(work);
      start = startable(lane);
    }
    start.forEach(this::launch);
    return true;
  }

  /** Drops the queued (not yet started) work of a partition this instance no longer owns. */
  public synchronized int cancel(PartitionProgress partition) {
    int removed = 0;
    for (Iterator<Map.Entry<WebhookId, Lane>> it = lanes.entrySet().iterator(); it.hasNext(); ) {
      Lane lane = it.next().getValue();
      int before = lane.queue.size();
      lane.queue.removeIf(w -> w.partition() == partition);
      removed += before - lane.queue.size();
      if (lane.queue.isEmpty() && lane.inFlight == 0) {
        it.remove();
      }
    }
    buffered.addAndGet(-removed);
    return removed;
  }

  public int buffered() {
    return buffered.get();
  }

  public int inFlight() {
    return inFlight.get();
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private List<Work> startable(Lane lane) {
    List<Work> start = new ArrayList<>(1);
    while (lane.inFlight < maxInFlight && !lane.queue.isEmpty()) {
      lane.inFlight++;
      start.add(lane.queue.poll());
    }
    return start;
  }

  private void launch(Work work) {
    inFlight.incrementAndGet();
    CompletionStage<Void> running;
    try {
      running = runner.apply(work.delivery());
    } catch (RuntimeException e) {
      running = CompletableFuture.failedFuture(e);
    }
    running.whenComplete((ok, error) -> finished(work, error));
  }

  private void finished(Work work, Throwable error) {
    inFlight.decrementAndGet();
    buffered.decrementAndGet();
    if (error == null) {
      onDurable.accept(work);
    } else if (unwrap(error) instanceof Recorder.ClosedException) {
      LOG.debug("Delivery {} not recorded: stopping; the next owner delivers it again", work.delivery().id());
    } else {
      // Not durable: the offset stays uncommitted, so the record is delivered again after a restart or rebalance.
      LOG.error("Delivery {} to {} failed unexpectedly; its offset {} stays uncommitted", work.delivery().id(),
          work.delivery().webhookId(), work.offset(), error);
    }
    List<Work> next;
    synchronized (this) {
      WebhookId id = work.delivery().webhookId();
      Lane lane = lanes.get(id);
      if (lane == null) {
        return;
      }
      lane.inFlight--;
      next = startable(lane);
      if (lane.queue.isEmpty() && lane.inFlight == 0) {
        lanes.remove(id);
      }
    }
    next.forEach(this::launch);
  }
}
