package io.realcast.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.testing.WebhookBodies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class DeliveryCodecTest {
  static final Instant T = Instant.parse("2024-12-09T10:00:00.5Z");

  static Delivery delivery(byte[] body) {
    return Delivery.first(WebhookId.of("wh_1"), AppId.of("app_1"), WebhookEventType.CHAT_MESSAGE_NEW, EventId.of("evt_1"), T,
        T.plusMillis(7), body);
  }

  @Test
  void shouldRoundTripEveryBodyByteForByte() {
    for (Map.Entry<String, byte[]> e : WebhookBodies.all().entrySet()) {
      Delivery d = delivery(e.getValue());

      Delivery decoded = DeliveryCodec.decodeDelivery(DeliveryCodec.encode(d));

      assertThat(decoded).as(e.getKey()).isEqualTo(d);
      assertThat(decoded.body()).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void shouldStreamTheSameJsonAsTheTreeForm() {
    // The same document; the bytes differ only where the tree escapes characters outside the BMP as surrogate
    // pairs (\\uD83C\\uDFAE) and the stream keeps the body's own UTF-8: both decode to the same body.
    for (Map.Entry<String, byte[]> e : WebhookBodies.all().entrySet()) {
      Delivery d = delivery(e.getValue());
      assertThat(Json.readTree(DeliveryCodec.encode(d))).as(e.getKey()).isEqualTo(Json.readTree(DeliveryCodec.encodeAsTree(d)));
      if (new String(e.getValue(), StandardCharsets.UTF_8).codePoints().allMatch(c -> c < 0x10000)) {
        assertThat(DeliveryCodec.encode(d)).as(e.getKey()).isEqualTo(DeliveryCodec.encodeAsTree(d));
      }
    }
    Delivery tried = delivery(WebhookBodies.samples().values().iterator().next())
        .after(new Attempt(1, T, 12, 503, null, AttemptResult.TEMPORARY), T.plusSeconds(1))
        .after(new Attempt(2, T.plusSeconds(1), 10_000, 0, "timeout \"after\" 10 s", AttemptResult.TEMPORARY), null);
    assertThat(DeliveryCodec.encode(tried)).isEqualTo(DeliveryCodec.encodeAsTree(tried));
  }

  @Test
  void shouldEncodeAnEventsDeliveriesTogetherExactlyAsOneByOne() {
    List<Delivery> deliveries = new ArrayList<>();
    for (byte[] body : WebhookBodies.all().values()) {
      EventId event = EventId.of("evt_" + deliveries.size());
      for (int w = 0; w < 3; w++) {
        deliveries.add(Delivery.first(WebhookId.of("wh_" + w), AppId.of("app_1"), WebhookEventType.CHAT_MESSAGE_NEW, event, T,
            T.plusMillis(7), body, "stream_1", 0));
      }
      // An ordered webhook's own body and number, then a plain one again, between the same event's others.
      deliveries.add(Delivery.first(WebhookId.of("wh_ordered"), AppId.of("app_1"), WebhookEventType.CHAT_MESSAGE_NEW, event, T,
          T.plusMillis(7), "{\"sequence\":3}".getBytes(StandardCharsets.UTF_8), "stream_1", 3));
      deliveries.add(Delivery.first(WebhookId.of("wh_3"), AppId.of("app_1"), WebhookEventType.CHAT_MESSAGE_NEW, event, T,
          T.plusMillis(7), body.clone(), "stream_1", 0));
    }
    Delivery first = deliveries.get(0);
    deliveries.add(first.after(new Attempt(1, T, 12, 503, null, AttemptResult.TEMPORARY), T.plusSeconds(1)));
    deliveries.add(Delivery.first(WebhookId.of("wh_other_app"), AppId.of("app_2"), first.event(), first.eventId(), T, T.plusMillis(7),
        first.body(), "stream_1", 0));
    deliveries.add(Delivery.first(WebhookId.of("wh_later"), AppId.of("app_2"), first.event(), first.eventId(), T, T.plusMillis(8),
        first.body(), "stream_1", 0));
    deliveries.add(Delivery.first(WebhookId.of("wh_no_stream"), AppId.of("app_2"), first.event(), first.eventId(), T, T.plusMillis(8),
        first.body()));
    for (String body : new String[] {"{\"a\":1}", "{\"a\":2}"}) {
      deliveries.add(Delivery.first(WebhookId.of("wh_bodies"), AppId.of("app_2"), first.event(), first.eventId(), T, T.plusMillis(8),
          body.getBytes(StandardCharsets.UTF_8), "stream_1", 0));
    }
    for (int sequence = 1; sequence <= 2; sequence++) {
      deliveries.add(Delivery.first(WebhookId.of("wh_numbered"), AppId.of("app_2"), first.event(), first.eventId(), T, T.plusMillis(8),
          first.body(), "stream_1", sequence));
    }
    // Each fan-out delivery of a traced event has a span of its own.
    for (String span : new String[] {"00f067aa0ba902b7", "00f067aa0ba902b8"}) {
      deliveries.add(Delivery.first(WebhookId.of("wh_traced"), AppId.of("app_2"), first.event(), first.eventId(), T, T.plusMillis(8),
          first.body(), "stream_1", 0).withTraceParent("00-4bf92f3577b34da6a3ce929d0e0e4736-" + span + "-01"));
    }

    List<byte[]> together = DeliveryCodec.encodeAll(deliveries);

    assertThat(together).hasSameSizeAs(deliveries);
    for (int i = 0; i < deliveries.size(); i++) {
      assertThat(together.get(i)).as("delivery %d", i).isEqualTo(DeliveryCodec.encode(deliveries.get(i)));
    }
    assertThat(DeliveryCodec.encodeAll(List.of())).isEmpty();
  }

  @Test
  void shouldRoundTripADeliveryWithAttemptsAndADueTime() {
    Delivery d = delivery(WebhookBodies.samples().values().iterator().next())
        .after(new Attempt(1, T, 12, 503, null, AttemptResult.TEMPORARY), T.plusSeconds(1))
        .after(new Attempt(2, T.plusSeconds(1), 10_000, 0, "timeout after 10 s", AttemptResult.TEMPORARY), T.plusSeconds(6));

    Delivery decoded = DeliveryCodec.decodeDelivery(DeliveryCodec.encode(d));

    assertThat(decoded).isEqualTo(d);
    assertThat(decoded.nextAttemptNumber()).isEqualTo(3);
    assertThat(decoded.id()).isEqualTo(DeliveryId.derive(EventId.of("evt_1"), WebhookId.of("wh_1")));
    assertThat(decoded.restarted().attempts()).isEmpty();
    assertThat(decoded.restarted().id()).isEqualTo(d.id());
  }

  @Test
  void shouldCarryTheStreamAndTheSequenceOnlyWhenThereAreSome() {
    Delivery plain = delivery(WebhookBodies.samples().values().iterator().next());
    Delivery ordered = Delivery.first(WebhookId.of("wh_1"), AppId.of("app_1"), WebhookEventType.VIEWER_COUNT_UPDATE,
        EventId.of("evt_9"), T, T, "{}".getBytes(StandardCharsets.UTF_8), "stream_abc123", 42);

    assertThat(Json.readTree(DeliveryCodec.encode(plain)).has("stream_id")).isFalse();
    assertThat(Json.readTree(DeliveryCodec.encode(plain)).has("sequence")).isFalse();
    assertThat(new String(DeliveryCodec.encode(ordered), StandardCharsets.UTF_8))
        .endsWith("\"stream_id\":\"stream_abc123\",\"sequence\":42}");
    assertThat(DeliveryCodec.decodeDelivery(DeliveryCodec.encode(ordered))).isEqualTo(ordered);
    assertThat(DeliveryCodec.decodeDelivery(DeliveryCodec.encode(ordered.after(
        new Attempt(1, T, 3, 503, null, AttemptResult.TEMPORARY), T)))).extracting(Delivery::streamId, Delivery::sequence)
        .containsExactly("stream_abc123", 42L);
  }

  static final String TRACE_PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void shouldCarryTheTraceParentAndEachAttemptsTraceIdThroughRetriesDeadLettersAndRedeliveries() {
    Delivery traced = delivery(WebhookBodies.samples().values().iterator().next()).withTraceParent(TRACE_PARENT)
        .after(new Attempt(1, T, 12, 503, null, AttemptResult.TEMPORARY, "4bf92f3577b34da6a3ce929d0e0e4736"), T.plusSeconds(1));

    Delivery decoded = DeliveryCodec.decodeDelivery(DeliveryCodec.encode(traced));
    DeadLetter dead = DeliveryCodec.decodeDeadLetter(DeliveryCodec.encode(new DeadLetter(traced, DeadReason.GONE, "", T)));

    assertThat(decoded).isEqualTo(traced);
    assertThat(decoded.traceParent()).isEqualTo(TRACE_PARENT);
    assertThat(decoded.attempts().get(0).traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(dead.delivery().traceParent()).isEqualTo(TRACE_PARENT);
    assertThat(decoded.restarted().traceParent()).isEqualTo(TRACE_PARENT);
    assertThat(decoded.dueAt(T).traceParent()).isEqualTo(TRACE_PARENT);
    assertThat(DeliveryCodec.encode(traced)).isEqualTo(DeliveryCodec.encodeAsTree(traced));
    AttemptLog log = AttemptLog.of(traced, traced.attempts().get(0), DeliveryState.RETRYING, T);
    assertThat(DeliveryCodec.decodeAttemptLog(DeliveryCodec.encode(log)).attempt().traceId())
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void shouldReadRecordsWrittenBeforeTracesAndDropATraceParentThatIsNotValid() {
    String old = "{\"id\":\"dlv_1\",\"webhook_id\":\"wh_1\",\"app_id\":\"app_1\",\"event\":\"stream.live\","
        + "\"event_id\":\"evt_1\",\"event_time\":\"2024-12-09T10:00:00Z\",\"created_at\":\"2024-12-09T10:00:00Z\","
        + "\"body\":\"{}\",\"attempts\":[{\"number\":1,\"started_at\":\"2024-12-09T10:00:00Z\",\"latency_ms\":5,"
        + "\"status\":503,\"result\":\"temporary\"}]}";
    String forged = old.substring(0, old.length() - 1) + ",\"trace_parent\":\"00-zz\\r\\nX-Evil: 1\"}";

    Delivery decoded = DeliveryCodec.decodeDelivery(old.getBytes(StandardCharsets.UTF_8));

    assertThat(decoded.traceParent()).isNull();
    assertThat(decoded.attempts().get(0).traceId()).isNull();
    assertThat(DeliveryCodec.decodeDelivery(forged.getBytes(StandardCharsets.UTF_8)).traceParent()).isNull();
    assertThat(Json.readTree(DeliveryCodec.encode(decoded)).has("trace_parent")).isFalse();
  }

  @Test
  void shouldRoundTripADeadLetter() {
    Delivery d = delivery(WebhookBodies.samples().values().iterator().next())
        .after(new Attempt(1, T, 3, 410, null, AttemptResult.GONE), null);
    DeadLetter dead = new DeadLetter(d, DeadReason.GONE, "endpoint answered 410", T.plusSeconds(1));

    assertThat(DeliveryCodec.decodeDeadLetter(DeliveryCodec.encode(dead))).isEqualTo(dead);
  }

  @Test
  void shouldRoundTripWhatAnOrderedDeadLetterHeldBackAndASupersededLogWithoutAnAttempt() {
    Delivery d = delivery(WebhookBodies.samples().values().iterator().next());
    DeadLetter dead = new DeadLetter(d, DeadReason.RETRIES_EXHAUSTED, "attempt 4: HTTP 503", T,
        List.of(new DeadLetter.HeldBack(DeliveryId.of("dlv_next1"), 31_250), new DeadLetter.HeldBack(DeliveryId.of("dlv_next2"), 900)));
    AttemptLog superseded = AttemptLog.of(d, null, DeliveryState.SUPERSEDED, null);

    assertThat(DeliveryCodec.decodeDeadLetter(DeliveryCodec.encode(dead))).isEqualTo(dead);
    assertThat(Json.readTree(DeliveryCodec.encode(new DeadLetter(d, DeadReason.GONE, "", T))).has("held_back")).isFalse();
    assertThat(DeliveryCodec.decodeAttemptLog(DeliveryCodec.encode(superseded))).isEqualTo(superseded);
    Assertions.assertThatThrownBy(() -> DeliveryCodec.decodeAttemptLog(
            DeliveryCodec.encode(AttemptLog.of(d, null, DeliveryState.DELIVERED, null))))
        .hasMessageContaining("without attempt");
  }

  @Test
  void shouldRoundTripAttemptLogsWithAndWithoutANextDueTime() {
    Delivery d = delivery(WebhookBodies.samples().values().iterator().next());
    Attempt ok = new Attempt(1, T, 42, 200, null, AttemptResult.DELIVERED);
    AttemptLog delivered = AttemptLog.of(d, ok, DeliveryState.DELIVERED, null);
    AttemptLog retrying = AttemptLog.of(d, new Attempt(1, T, 5, 0, "connection refused", AttemptResult.TEMPORARY),
        DeliveryState.RETRYING, T.plusSeconds(1));

    assertThat(DeliveryCodec.decodeAttemptLog(DeliveryCodec.encode(delivered))).isEqualTo(delivered);
    assertThat(DeliveryCodec.decodeAttemptLog(DeliveryCodec.encode(retrying))).isEqualTo(retrying);
    assertThat(ok.delivered()).isTrue();
  }

  @Test
  void shouldWriteAttemptLogsAndDeadLettersInTheDocumentedFieldOrder() {
    Delivery d = Delivery.first(WebhookId.of("wh_1"), AppId.of("app_1"), WebhookEventType.STREAM_LIVE, EventId.of("evt_1"), T,
        T, "{}".getBytes(StandardCharsets.UTF_8));
    Attempt failed = new Attempt(1, T, 5, 0, "connection refused", AttemptResult.TEMPORARY);

    assertThat(new String(DeliveryCodec.encode(AttemptLog.of(d, failed, DeliveryState.RETRYING, T.plusSeconds(1))),
        StandardCharsets.UTF_8)).isEqualTo("{\"delivery_id\":\"" + d.id() + "\",\"webhook_id\":\"wh_1\","
            + "\"app_id\":\"app_1\",\"event\":\"stream.live\",\"event_id\":\"evt_1\",\"event_time\":\"2024-12-09T10:00:00.500Z\","
            + "\"attempt\":{\"number\":1,\"started_at\":\"2024-12-09T10:00:00.500Z\",\"latency_ms\":5,\"status\":0,"
            + "\"error\":\"connection refused\",\"result\":\"temporary\"},\"state\":\"retrying\","
            + "\"next_due_at\":\"2024-12-09T10:00:01.500Z\"}");
    assertThat(new String(DeliveryCodec.encode(new DeadLetter(d, DeadReason.WEBHOOK_DELETED, "deleted", T)),
        StandardCharsets.UTF_8)).endsWith(
            "\"attempts\":[],\"dead_reason\":\"webhook_deleted\",\"dead_detail\":\"deleted\",\"dead_at\":\"2024-12-09T10:00:00.500Z\"}");
  }

  @Test
  void shouldSkipFieldsItDoesNotKnowSoANewerWritersRecordsStayReadable() {
    Delivery d = delivery(WebhookBodies.samples().values().iterator().next());
    String json = new String(DeliveryCodec.encode(d), StandardCharsets.UTF_8);
    String newer = "{\"version\":2,\"extra\":{\"nested\":[1,{\"a\":null}]}," + json.substring(1, json.length() - 1)
        + ",\"trace\":{\"id\":\"4bf92f3577b34da6\"}}";

    assertThat(DeliveryCodec.decodeDelivery(newer.getBytes(StandardCharsets.UTF_8))).isEqualTo(d);
  }

  @Test
  void shouldNameWhatIsWrongWithAnUnreadableRecord() {
    Assertions.assertThatThrownBy(() -> DeliveryCodec.decodeDelivery("not json".getBytes()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable JSON record");
    Assertions.assertThatThrownBy(() -> DeliveryCodec.decodeDelivery("[1]".getBytes()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a JSON object");
    Assertions.assertThatThrownBy(() -> DeliveryCodec.decodeDelivery(
            "{\"id\":\"dlv_1\",\"webhook_id\":\"wh_1\",\"app_id\":\"app_1\",\"event\":\"stream.live\"}".getBytes()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without event_id");
    Assertions.assertThatThrownBy(() -> DeliveryCodec.decodeAttemptLog("{\"state\":\"lost\"}".getBytes()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
