package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DispatcherTest {
  private final Clock clock = Clock.systemUTC();
  private final Map<Delivery, CompletableFuture<Void>> running = new HashMap<>();
  private final List<Dispatcher.Work> durable = new ArrayList<>();
  private final Dispatcher dispatcher = new Dispatcher(this::run, durable::add, 2, 3);
  private final PartitionProgress partition = new PartitionProgress(new TopicPartition("t", 0));
  private long offset;

  private synchronized CompletionStage<Void> run(Delivery d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    running.put(d, f);
    return f;
  }

  private Dispatcher.Work work(WebhookId webhook) {
    Delivery d = Delivery.first(webhook, AppId.random(clock), WebhookEventType.STREAM_LIVE, EventId.random(clock), Instant.now(),
        Instant.now(), "{}".getBytes(StandardCharsets.UTF_8));
    return new Dispatcher.Work(partition, offset++, d);
  }

  @Test
  void shouldRunAtMostMaxInFlightPerWebhookAndQueueTheRest() {
    WebhookId slow = WebhookId.random(clock);
    for (int i = 0; i < 5; i++) {
      assertThat(dispatcher.offer(work(slow), false)).isTrue();
    }
    assertThat(running).hasSize(2);
    assertThat(dispatcher.inFlight()).isEqualTo(2);
    assertThat(dispatcher.buffered()).isEqualTo(5);
  }

  @Test
  void shouldRefuseWorkForAFullLaneButKeepServingOtherWebhooks() {
    WebhookId slow = WebhookId.random(clock);
    for (int i = 0; i < 5; i++) {
      dispatcher.offer(work(slow), false);
    }
    assertThat(dispatcher.offer(work(slow), false)).as("lane full: 2 running, 3 queued").isFalse();
    assertThat(dispatcher.offer(work(slow), true)).as("forced").isTrue();

    WebhookId healthy = WebhookId.random(clock);
    assertThat(dispatcher.offer(work(healthy), false)).isTrue();
    assertThat(running.keySet()).anySatisfy(d -> assertThat(d.webhookId()).isEqualTo(healthy));
  }

  @Test
  void shouldStartTheNextQueuedDeliveryWhenOneBecomesDurable() {
    WebhookId hook = WebhookId.random(clock);
    List<Dispatcher.Work> offered = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Dispatcher.Work w = work(hook);
      offered.add(w);
      dispatcher.offer(w, false);
    }
    running.get(offered.get(0).delivery()).complete(null);

    assertThat(durable).containsExactly(offered.get(0));
    assertThat(running).containsKey(offered.get(2).delivery());
    assertThat(dispatcher.buffered()).isEqualTo(2);
  }

  @Test
  void shouldNotReportAFailedDeliveryAsDurable() {
    Dispatcher.Work w = work(WebhookId.random(clock));
    dispatcher.offer(w, false);
    running.get(w.delivery()).completeExceptionally(new IllegalStateException("broken"));
    assertThat(durable).isEmpty();
    assertThat(dispatcher.buffered()).isZero();
  }

  @Test
  void shouldDropQueuedWorkOfARevokedPartition() {
    WebhookId hook = WebhookId.random(clock);
    for (int i = 0; i < 5; i++) {
      dispatcher.offer(work(hook), false);
    }
    assertThat(dispatcher.cancel(partition)).isEqualTo(3);
    assertThat(dispatcher.buffered()).isEqualTo(2);
  }
}
