package io.realcast.webhooks.router;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What a benchmark scenario writes: subscriptions (apps × 3 unless said otherwise, each to every event type) and raw
 * events, a backlog before the router starts or a steady flow while it runs. Counts the deliveries they must create.
 */
final class BenchLoad {
  static final int SUBSCRIPTIONS_PER_APP = 3;
  private static final String T0 = "2024-12-09T10:00:00Z";
  private static final String T1 = "2024-12-09T10:10:00Z";

  private final KafkaProducer<String, byte[]> producer;
  private final Topics topics;
  private int subscriptionsPerApp = SUBSCRIPTIONS_PER_APP;
  private long deliveries;
  private long events;

  BenchLoad(KafkaProducer<String, byte[]> producer, Topics topics) {
    this.producer = producer;
    this.topics = topics;
  }

  long deliveries() {
    return deliveries;
  }

  long events() {
    return events;
  }

  void subscriptions(int apps) {
    subscriptions(apps, SUBSCRIPTIONS_PER_APP);
  }

  /** {@code perApp} subscriptions of each of {@code apps} apps, each to every event type. */
  void subscriptions(int apps, int perApp) {
    subscriptionsPerApp = perApp;
    for (int a = 0; a < apps; a++) {
      for (int s = 0; s < perApp; s++) {
        String webhook = "wh_" + a + "_" + s;
        producer.send(new ProducerRecord<>(topics.webhooks(), webhook,
            SubscriptionCodec.encode(RouterHarness.subscription(webhook, app(a), true, WebhookEventType.values()))));
      }
    }
  }

  /** The original mix: {@code events} raw events of 1,000 live streams, 60% chat, 30% joins, 10% leaves. */
  void mixed(int total) {
    List<String> streams = live(100, 10);
    for (int i = streams.size(); i < total; i++) {
      String stream = streams.get(i % streams.size());
      String app = appOf(stream);
      int kind = (i / streams.size()) % 10;
      String id = "evt_" + i;
      if (kind < 6) {
        send(stream, RawEvents.chat(id, app, stream, T1), true);
      } else if (kind < 9) {
        send(stream, RawEvents.joined(id, app, stream, "viewer_" + i, T1), true);
      } else {
        // The viewer who joined this stream one round before (kind 8): present, so the leave counts down.
        send(stream, RawEvents.left(id, app, stream, "viewer_" + (i - streams.size()), T1), false);
      }
    }
  }

  /** One stream of one app, live, then {@code viewers} distinct viewers join. */
  void viewersOnOneStream(int viewers) {
    String stream = live(1, 1).get(0);
    for (int v = 0; v < viewers; v++) {
      send(stream, RawEvents.joined("evt_j" + v, app(0), stream, "viewer_" + v, T1), true);
    }
  }

  /** A chat message of stream number {@code s} of app number {@code a}, happening at {@code at}. */
  void chat(int a, int s, String id, String at) {
    send("stream_" + a + "_" + s, RawEvents.chat(id, app(a), "stream_" + a + "_" + s, at), true);
  }

  void offline(String stream) {
    send(stream, RawEvents.offline("evt_off_" + stream, appOf(stream), stream, T1), true);
  }

  /** {@code apps} × {@code streamsPerApp} live streams, each joined by {@code viewersEach} distinct viewers. */
  List<String> streamsWithViewers(int apps, int streamsPerApp, int viewersEach) {
    List<String> streams = live(apps, streamsPerApp);
    for (int v = 0; v < viewersEach; v++) {
      for (String stream : streams) {
        send(stream, RawEvents.joined("evt_j" + v + "_" + stream, appOf(stream), stream, "viewer_" + v, T1), true);
      }
    }
    return streams;
  }

  /** A stream.live for {@code apps} × {@code streamsPerApp} streams; returns their ids. */
  List<String> live(int apps, int streamsPerApp) {
    List<String> streams = new ArrayList<>();
    for (int a = 0; a < apps; a++) {
      streams.addAll(liveOfApp(a, streamsPerApp));
    }
    return streams;
  }

  /** A stream.live for {@code count} streams of app number {@code a}. */
  List<String> liveOfApp(int a, int count) {
    List<String> streams = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      String stream = "stream_" + a + "_" + s;
      streams.add(stream);
      send(stream, RawEvents.live("evt_live_" + stream, app(a), stream, T0), true);
    }
    return streams;
  }

  private static String app(int a) {
    return "app_" + a;
  }

  private static String appOf(String stream) {
    return "app_" + stream.split("_")[1];
  }

  private void send(String stream, String json, boolean webhook) {
    producer.send(new ProducerRecord<>(topics.events(), stream, json.getBytes(StandardCharsets.UTF_8)));
    events++;
    deliveries += webhook ? subscriptionsPerApp : 0;
  }
}
