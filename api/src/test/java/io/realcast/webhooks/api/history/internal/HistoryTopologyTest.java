package io.realcast.webhooks.api.history.internal;

import static io.realcast.webhooks.api.history.HistoryFixtures.APP;
import static io.realcast.webhooks.api.history.HistoryFixtures.T0;
import static io.realcast.webhooks.api.history.HistoryFixtures.WH;
import static io.realcast.webhooks.api.history.HistoryFixtures.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.api.ApiMetrics;
import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.DeliveryStatus;
import io.realcast.webhooks.api.history.HistoryCodec;
import io.realcast.webhooks.api.history.HistoryFixtures;
import io.realcast.webhooks.api.history.HistoryQuery;
import io.realcast.webhooks.api.history.Page;
import io.realcast.webhooks.api.history.Position;
import io.realcast.webhooks.api.history.SeriesPoint;
import io.realcast.webhooks.api.history.SeriesRange;
import io.realcast.webhooks.api.history.WebhookSummary;
import io.realcast.webhooks.api.http.JsonViews;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.delivery.DeliveryState;
import io.realcast.webhooks.delivery.Requeue;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history topology with TopologyTestDriver: records in, then the same reads the API makes of one partition. */
class HistoryTopologyTest {
  private static final Topics TOPICS = new Topics("t.", RetrySchedule.DEFAULT);
  private static final Duration RETENTION = Duration.ofHours(1);

  @TempDir
  Path state;

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> deliveries;
  private TestInputTopic<String, byte[]> attempts;
  private TestInputTopic<String, byte[]> dead;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void start() {
    HistoryWiring wiring = new HistoryWiring(TOPICS, app -> RETENTION, new ApiMetrics(registry), Duration.ofMinutes(1));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "history-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
    driver = new TopologyTestDriver(HistoryTopology.build(wiring), props, T0);
    deliveries = input(TOPICS.deliveries());
    attempts = input(TOPICS.attempts());
    dead = input(TOPICS.dead());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private TestInputTopic<String, byte[]> input(String topic) {
    return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
  }

  private KeyValueStore<Bytes, byte[]> store() {
    return driver.getKeyValueStore(HistoryTopology.STORE);
  }

  private Delivery queue(Delivery d) {
    deliveries.pipeInput(d.webhookId().value(), DeliveryCodec.encode(d), d.createdAt());
    return d;
  }

  private void attempt(Delivery d, int n, int status, AttemptResult result, DeliveryState state, Instant at) {
    attempts.pipeInput(d.webhookId().value(), DeliveryCodec.encode(AttemptLog.of(d, HistoryFixtures.attempt(n, at, status, result),
        state, null)), at);
  }

  private Page search(HistoryQuery q) {
    return PageMerger.merge(List.of(PartitionScan.run(0, store(), q, 20_000)), q.limit());
  }

  private static HistoryQuery webhook(int limit) {
    return HistoryQuery.all(new HistoryQuery.OfWebhook(WH), limit);
  }

  @Test
  void shouldPageThroughEveryDeliveryNewestFirstWithoutGapOrRepeat() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1_234; i++) {
      // Several per millisecond: the delivery id breaks the tie.
      expected.add(queue(delivery("e" + i, T0.plusMillis(i / 3))).id().value());
    }
    queue(delivery(WebhookId.of("wh_other"), "x", T0.plusSeconds(5)));
    List<String> seen = new ArrayList<>();
    Page page = search(webhook(100));
    int pages = 1;
    while (true) {
      page.items().forEach(e -> seen.add(e.id().value()));
      if (page.next().isEmpty()) {
        break;
      }
      page = search(webhook(100).after(page.next().get()));
      pages++;
    }
    assertThat(pages).isEqualTo(13);
    assertThat(new HashSet<>(seen)).hasSize(seen.size()).containsExactlyInAnyOrderElementsOf(expected);
    List<Position> order = seen.stream().map(id -> entry(id).position()).toList();
    assertThat(order).isSortedAccordingTo(Position.ORDER);
    assertThat(search(HistoryQuery.all(new HistoryQuery.OfApp(APP), 5_000)).items()).hasSize(1_235);
  }

  @Test
  void shouldFilterByStatusEventTypeTimeStreamEventAndDeliveryId() {
    Delivery a = queue(delivery("a", T0));
    Delivery b = queue(delivery("b", T0.plusSeconds(10)));
    Delivery chat = queue(Delivery.first(WH, APP, WebhookEventType.CHAT_MESSAGE_NEW, EventId.of("evt_chat"), T0.plusSeconds(20),
        T0.plusSeconds(20), "{\"data\":{\"stream_id\":\"stream_b\"}}".getBytes(StandardCharsets.UTF_8)));
    attempt(a, 1, 200, AttemptResult.DELIVERED, DeliveryState.DELIVERED, T0.plusSeconds(30));

    assertThat(ids(withStatus(DeliveryStatus.DELIVERED))).containsExactly(a.id().value());
    assertThat(ids(withStatus(DeliveryStatus.PENDING))).containsExactly(chat.id().value(), b.id().value());
    assertThat(ids(query(EnumSet.noneOf(DeliveryStatus.class), Set.of(WebhookEventType.CHAT_MESSAGE_NEW), null, null, null, null)))
        .containsExactly(chat.id().value());
    assertThat(ids(query(Set.of(), Set.of(), T0.plusSeconds(10), T0.plusSeconds(20), null, null))).containsExactly(b.id().value());
    assertThat(ids(query(Set.of(), Set.of(), null, null, "stream_b", null))).containsExactly(chat.id().value(), b.id().value());
    assertThat(ids(query(Set.of(), Set.of(), null, null, null, EventId.of("evt_a")))).containsExactly(a.id().value());
    HistoryQuery byId = new HistoryQuery(new HistoryQuery.OfWebhook(WH), Set.of(), Set.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(b.id()), Optional.empty(), 10);
    assertThat(ids(byId)).containsExactly(b.id().value());
  }

  @Test
  void shouldAnswerARareFilterPageByPageWithinItsBudget() {
    for (int i = 0; i < 500; i++) {
      queue(delivery("e" + i, T0.plusSeconds(i)));
    }
    HistoryQuery q = query(Set.of(), Set.of(), null, null, "stream_e3", null);
    List<String> found = new ArrayList<>();
    int requests = 0;
    Optional<Position> after = Optional.empty();
    do {
      HistoryQuery page = after.map(q::after).orElse(q);
      Page p = PageMerger.merge(List.of(PartitionScan.run(0, store(), page, 100)), page.limit());
      p.items().forEach(e -> found.add(e.id().value()));
      after = p.next();
      requests++;
    } while (after.isPresent());
    assertThat(found).containsExactly(delivery("e3", T0).id().value());
    assertThat(requests).isEqualTo(5);
  }

  @Test
  void shouldCountPerDeliveryForTheLifetimeAndForgetEntriesPastTheirRetention() {
    Delivery ok = queue(delivery("ok", T0));
    attempt(ok, 1, 200, AttemptResult.DELIVERED, DeliveryState.DELIVERED, T0.plusSeconds(1));
    Delivery d = queue(delivery("dead", T0.plusSeconds(2)));
    attempt(d, 1, 404, AttemptResult.PERMANENT, DeliveryState.DEAD, T0.plusSeconds(3));
    dead.pipeInput(WH.value(), DeliveryCodec.encode(new DeadLetter(d, DeadReason.PERMANENT_FAILURE, "HTTP 404", T0.plusSeconds(3))),
        T0.plusSeconds(3));
    Delivery waiting = queue(delivery("waiting", T0.plusSeconds(4)));

    WebhookSummary s = StoreReads.summary(store(), WH);
    assertThat(s.counters().received()).isEqualTo(3);
    assertThat(s.counters().byStatus().delivered()).isEqualTo(1);
    assertThat(s.counters().byStatus().dead()).isEqualTo(1);
    assertThat(s.counters().byStatus().pending()).isEqualTo(1);
    assertThat(s.counters().attempts()).isEqualTo(2);
    assertThat(s.oldestUnfinishedSince()).contains(T0.plusSeconds(4));
    assertThat(StoreReads.partitionCounts(store()).notFinal()).isEqualTo(1);

    driver.advanceWallClockTime(RETENTION.plusMinutes(2));

    assertThat(search(webhook(10)).items()).isEmpty();
    assertThat(store().get(HistoryKeys.entry(waiting.id()))).isNull();
    WebhookSummary after = StoreReads.summary(store(), WH);
    assertThat(after.counters().received()).isEqualTo(3);
    assertThat(after.counters().byStatus().delivered()).isEqualTo(1);
    assertThat(after.counters().byStatus().dead()).isEqualTo(1);
    assertThat(after.counters().byStatus().pending()).as("the unfinished one left the lag").isZero();
    assertThat(after.oldestUnfinishedSince()).isEmpty();
    assertThat(StoreReads.partitionOldest(store())).isEmpty();
    try (var all = store().all()) {
      List<Character> families = new ArrayList<>();
      all.forEachRemaining(kv -> families.add((char) kv.key.get()[0]));
      assertThat(families).as("only lifetime counters remain").containsOnly('S', 'C');
    }
  }

  @Test
  void shouldRememberTheReplayThatQueuedADeliveryAgain() {
    Delivery d = queue(delivery("1", T0));
    attempt(d, 1, 200, AttemptResult.DELIVERED, DeliveryState.DELIVERED, T0.plusSeconds(1));
    var record = Requeue.record(TOPICS, d, Optional.of("rpl_abc"));
    deliveries.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(),
        T0.plusSeconds(5)));
    DeliveryEntry e = entry(d.id().value());
    assertThat(e.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(e.lastReplayId()).isEqualTo("rpl_abc");
    assertThat(StoreReads.summary(store(), WH).counters().received()).as("the same delivery, counted once").isEqualTo(1);
  }

  @Test
  void shouldChartAttemptsPerMinuteByOutcomeWithLatencies() {
    Delivery d = queue(delivery("1", T0));
    attempt(d, 1, 503, AttemptResult.TEMPORARY, DeliveryState.RETRYING, T0.plusSeconds(1));
    attempt(d, 2, 200, AttemptResult.DELIVERED, DeliveryState.DELIVERED, T0.plusSeconds(70));
    WindowStore<String, byte[]> windows = driver.getWindowStore(HistoryTopology.SERIES_STORE);
    List<SeriesPoint> points = StoreReads.series(windows, WH, SeriesRange.HOUR, T0.plusSeconds(90));
    assertThat(points).hasSize(60);
    SeriesPoint first = points.stream().filter(p -> p.at().equals(T0)).findFirst().orElseThrow();
    SeriesPoint second = points.stream().filter(p -> p.at().equals(T0.plusSeconds(60))).findFirst().orElseThrow();
    assertThat(first.bucket().retrying()).isEqualTo(1);
    assertThat(second.bucket().delivered()).isEqualTo(1);
    assertThat(second.bucket().latency().percentile(50)).isEqualTo(80);
    assertThat(points.stream().mapToLong(p -> p.bucket().attempts()).sum()).isEqualTo(2);
    assertThat(StoreReads.series(windows, WH, SeriesRange.DAY, T0.plusSeconds(90))).hasSize(96);
  }

  @Test
  void shouldSkipAndCountUnreadableRecordsAndKeepGoing() {
    deliveries.pipeInput(WH.value(), "not json".getBytes(StandardCharsets.UTF_8), T0);
    attempts.pipeInput(WH.value(), "{}".getBytes(StandardCharsets.UTF_8), T0);
    Delivery d = queue(delivery("after", T0.plusSeconds(1)));
    assertThat(ids(webhook(10))).containsExactly(d.id().value());
    assertThat(registry.get(ApiMetrics.HISTORY_RECORDS.name()).tag("result", "unreadable").counters())
        .extracting(c -> c.count()).containsOnly(1.0);
  }

  @Test
  void shouldCountASupersededDeliveryAsFinalWithoutAnAttempt() {
    Delivery d = queue(delivery("count", T0));
    attempts.pipeInput(WH.value(), DeliveryCodec.encode(AttemptLog.of(d, null, DeliveryState.SUPERSEDED, null)), T0.plusSeconds(2));
    WebhookSummary s = StoreReads.summary(store(), WH);
    assertThat(s.counters().byStatus().superseded()).isEqualTo(1);
    assertThat(s.counters().byStatus().notFinal()).isZero();
    assertThat(s.counters().attempts()).isZero();
    assertThat(s.oldestUnfinishedSince()).isEmpty();
    assertThat(ids(withStatus(DeliveryStatus.SUPERSEDED))).containsExactly(d.id().value());
  }

  @Test
  void shouldKeepEachAttemptsTraceIdForTheDeliveryRow() {
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    Delivery d = queue(delivery("traced", T0));
    Attempt first = new Attempt(1, T0.plusSeconds(1), 12, 503, null, AttemptResult.TEMPORARY, trace);
    attempts.pipeInput(WH.value(), DeliveryCodec.encode(AttemptLog.of(d, first, DeliveryState.RETRYING, T0.plusSeconds(2))),
        T0.plusSeconds(1));

    DeliveryEntry entry = entry(d.id().value());
    ObjectNode row = JsonViews.delivery(entry);

    assertThat(entry.attempts()).singleElement().extracting(Attempt::traceId).isEqualTo(trace);
    assertThat(row.path("trace_id").asText()).isEqualTo(trace);
    assertThat(row.path("attempts").path(0).path("trace_id").asText()).isEqualTo(trace);
    assertThat(JsonViews.delivery(entry(queue(delivery("untraced", T0)).id().value())).path("trace_id").isNull()).isTrue();
  }

  private DeliveryEntry entry(String id) {
    return HistoryCodec.decodeEntry(store().get(HistoryKeys.entry(DeliveryId.of(id))));
  }

  private List<String> ids(HistoryQuery q) {
    return search(q).items().stream().map(e -> e.id().value()).toList();
  }

  private static HistoryQuery withStatus(DeliveryStatus status) {
    return query(Set.of(status), Set.of(), null, null, null, null);
  }

  private static HistoryQuery query(Set<DeliveryStatus> statuses, Set<WebhookEventType> types, Instant since, Instant until,
      String stream, EventId event) {
    return new HistoryQuery(new HistoryQuery.OfWebhook(WH), statuses, types, Optional.ofNullable(since), Optional.ofNullable(until),
        Optional.ofNullable(event), Optional.ofNullable(stream), Optional.empty(), Optional.empty(), 100);
  }
}
