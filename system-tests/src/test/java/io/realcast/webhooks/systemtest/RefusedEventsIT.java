package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.ChatMessageNew;
import io.realcast.webhooks.event.RawData;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawStreamLive;
import io.realcast.webhooks.event.RawStreamOffline;
import io.realcast.webhooks.event.RawViewerJoined;
import io.realcast.webhooks.event.RawViewerLeft;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.router.invalid.InvalidHeaders;
import io.realcast.webhooks.systemtest.harness.Deadline;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Metrics;
import io.realcast.webhooks.systemtest.harness.Records;
import io.realcast.webhooks.systemtest.harness.InvalidTopic;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ScenarioRun;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Valid raw events that stream state cannot simply apply, from producers that are not tidy, against a real router
 * process (grace 2 s, idle timeout 5 s so the scenario is short). Each one must end somewhere visible: delivered,
 * copied to realcast.events.invalid with its reason, or (viewer.left, duplicates) counted.
 */
@ExtendWith(ForkedBrokerExtension.class)
class RefusedEventsIT {
  private static final String REASON = InvalidHeaders.REASON;

  private final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private int sequence;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldDeliverOrCopyEveryEventStreamStateRefuses(ForkedKafkaBroker broker) {
    try (ScenarioRun run = new ScenarioRun(ScenarioInfo.REFUSED_EVENTS, "rf", broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      List<AppId> apps = run.seedStandardSubscriptions(2);
      AppId app = apps.get(0);
      ServiceProcess router = run.sut().startRouter("router", Map.of(
          RouterConfig.EARLY_EVENT_GRACE.envName(), "2s", RouterConfig.IDLE_TIMEOUT.envName(), "5s"));
      run.sut().awaitHealthy(router, Duration.ofSeconds(90));

      send(run, app, "s_never", new RawViewerJoined("s_never", "viewer_1"));            // stream_not_live
      send(run, app, "s_never_left", new RawViewerLeft("s_never_left", "viewer_1"));    // counted only
      RawEvent unknownOffline = send(run, app, "s_unknown", new RawStreamOffline("s_unknown", at)); // delivered
      send(run, app, "s_twice", live("s_twice"));
      send(run, app, "s_twice", live("s_twice"));                                       // already_live
      send(run, app, "s_other", live("s_other"));
      send(run, apps.get(1), "s_other", new RawViewerJoined("s_other", "viewer_1"));    // app_mismatch
      send(run, app, "s_ended", live("s_ended"));
      send(run, app, "s_ended", new RawStreamOffline("s_ended", at));
      send(run, app, "s_ended", new RawStreamOffline("s_ended", at.plusSeconds(1)));    // already_ended
      RawEvent early = send(run, app, "s_early", new RawViewerJoined("s_early", "viewer_1")); // held, then delivered
      RawEvent chat = send(run, app, "s_chat", new ChatMessageNew("s_chat", "m1", "u", "n", "twice", at));
      run.publisher().sendRaw("s_chat", chat.toJson());                                // duplicate
      send(run, app, "s_idle", live("s_idle"));
      send(run, app, "s_idle", new RawViewerJoined("s_idle", "viewer_1"));
      run.publisher().flush();
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos()); // the early join is a second ahead of its stream.live
      RawEvent earlyLive = send(run, app, "s_early", live("s_early"));
      run.publisher().flush();

      Delivery expiry = awaitDelivery(run, d -> d.event() == WebhookEventType.STREAM_OFFLINE
          && Json.readTree(d.body()).path("data").path("stream_id").asText().equals("s_idle"));
      send(run, app, "s_idle", new RawStreamOffline("s_idle", at.plusSeconds(30)));    // stream_expired
      run.publisher().flush();

      List<ConsumerRecord<String, byte[]>> invalid = InvalidTopic.await(run.sut(), 5);
      List<Delivery> deliveries = Records.deliveries(run.sut());
      Map<String, Long> reasons = invalid.stream().collect(Collectors.groupingBy(r -> InvalidTopic.header(r, REASON), Collectors.counting()));
      Metrics metrics = Metrics.scrape(run.sut().http(), router);

      run.figures().put("copied to realcast.events.invalid", invalid.size())
          .put("copies by reason", new TreeMap<>(reasons))
          .put("stream.offline of a stream never live, delivered", count(deliveries, unknownOffline.id()))
          .put("early viewer.joined delivered after its stream.live", count(deliveries, early.id()))
          .put("idle expiry stream.offline delivered", deliveries.stream().filter(d -> d.eventId().equals(expiry.eventId())).count())
          .put("viewer.left ignored (counted only)",
              metrics.sum("realcast_router_events_ignored_total", "type=\"viewer.left\"").orElse(-1))
          .put("duplicates counted", metrics.sum("realcast_router_events_duplicate_total").orElse(-1));
      run.verify();

      assertThat(reasons).containsOnly(Map.entry("stream_not_live", 1L), Map.entry("already_live", 1L),
          Map.entry("app_mismatch", 1L), Map.entry("already_ended", 1L), Map.entry("stream_expired", 1L));
      assertThat(invalid).allSatisfy(r -> assertThat(InvalidTopic.header(r, InvalidHeaders.ORIGINAL_OFFSET)).isNotBlank());
      assertThat(count(deliveries, unknownOffline.id())).isEqualTo(2); // app0's two subscriptions to every type
      JsonNode unknown = body(deliveries, unknownOffline.id());
      assertThat(unknown.path("data").path("duration").asLong()).isZero();
      assertThat(unknown.path("data").path("peak_viewers").asLong()).isZero();
      assertThat(body(deliveries, early.id()).path("data").path("viewer_count").asLong()).isEqualTo(1);
      assertThat(count(deliveries, earlyLive.id())).isEqualTo(2);
      assertThat(Json.readTree(expiry.body()).path("data").path("peak_viewers").asLong()).isEqualTo(1);
      assertThat(count(deliveries, chat.id())).isEqualTo(3);
      assertThat(metrics.sum("realcast_router_events_duplicate_total").orElse(0)).isEqualTo(1);
      assertThat(metrics.sum("realcast_router_events_ignored_total", "type=\"viewer.left\"", "reason=\"stream_not_live\"")
          .orElse(0)).isEqualTo(1);
      assertThat(metrics.sum("realcast_router_streams_expired_total").orElse(0)).isGreaterThanOrEqualTo(1);
      run.assertNeverRestarted(router);
    }
  }

  private RawStreamLive live(String stream) {
    return new RawStreamLive(stream, "Refused events " + stream, "user_1", at);
  }

  private RawEvent send(ScenarioRun run, AppId app, String stream, RawData data) {
    RawEvent event = new RawEvent(EventId.of("evt_rf_" + sequence++), app, at, data);
    run.publisher().sendRaw(stream, event.toJson());
    return event;
  }

  private static long count(List<Delivery> deliveries, EventId event) {
    return deliveries.stream().filter(d -> d.eventId().equals(event)).count();
  }

  private static JsonNode body(List<Delivery> deliveries, EventId event) {
    return Json.readTree(deliveries.stream().filter(d -> d.eventId().equals(event)).findFirst().orElseThrow().body());
  }

  private static Delivery awaitDelivery(ScenarioRun run, Predicate<Delivery> wanted) {
    AtomicReference<Delivery> found = new AtomicReference<>();
    Deadline.await("the idle stream's stream.offline", Duration.ofSeconds(60), () -> {
      Records.deliveries(run.sut()).stream().filter(wanted).findFirst().ifPresent(found::set);
      return found.get() != null;
    }, () -> "");
    return found.get();
  }
}
