package io.realcast.webhooks.bench;

import io.realcast.webhooks.event.ChatMessageNew;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.Subscription;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmark's subscriptions and events. Events are {@code chat.message.new}: they need no stream
 * state, so every one fans out to all subscriptions of its app, and their message id carries the
 * sequence number the receivers read back.
 */
final class BenchEvents {
  private static final int STREAMS_PER_APP = 8;

  private final BenchLayout layout;
  private final String runId;

  BenchEvents(BenchLayout layout, String runId) {
    this.layout = layout;
    this.runId = runId;
  }

  static AppId app(int a) {
    return AppId.of("app_bench" + a);
  }

  int appOf(int seq) {
    return seq % layout.apps();
  }

  String streamOf(int seq) {
    return "stream_b" + appOf(seq) + "_" + (seq / layout.apps()) % STREAMS_PER_APP;
  }

  RawEvent event(int seq, Instant at) {
    return new RawEvent(EventId.of("evt_" + runId + "_" + seq), app(appOf(seq)), at,
        new ChatMessageNew(streamOf(seq), SequenceParser.MESSAGE_ID_PREFIX + seq, "user_bench", "Bench",
            "Great stream! message " + seq, at));
  }

  /** One subscription per (app, index), each with its own secret and its own URL on its port. */
  List<Subscription> subscriptions(ReceiverFleet receivers, Instant now) {
    SecureRandom random = new SecureRandom();
    List<Subscription> subs = new ArrayList<>(layout.subscriptions());
    for (int a = 0; a < layout.apps(); a++) {
      for (int j = 0; j < layout.subsPerApp(); j++) {
        String url = "http://127.0.0.1:" + receivers.port(layout.portIndex(a, j)) + "/hook/" + a + "/" + j;
        subs.add(new Subscription(WebhookId.of("wh_bench_" + runId + "_" + a + "_" + j), app(a), url,
            Set.of(WebhookEventType.CHAT_MESSAGE_NEW), true, "benchmark", WebhookSecret.generate(random),
            Optional.empty(), now, now, null));
      }
    }
    return subs;
  }

  /** Deliveries of event {@code seq} that go to endpoints behaving as {@code wanted} under {@code receivers} now. */
  int deliveriesTo(int seq, ReceiverFleet receivers, EndpointBehaviour wanted) {
    int a = appOf(seq);
    int n = 0;
    for (int j = 0; j < layout.subsPerApp(); j++) {
      if (receivers.behaviour(layout.portIndex(a, j)) == wanted) {
        n++;
      }
    }
    return n;
  }
}
