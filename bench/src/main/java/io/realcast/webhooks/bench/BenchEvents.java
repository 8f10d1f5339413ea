package io.realcast.webhooks.bench;

import io.realcast.webhooks.event.ChatMessageNew;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The benchmark's subscriptions and events. Events are {@code chat.message.new}: they need no stream
 * state, so every one fans out to all subscriptions of its app, and their message id carries the
 * sequence number the receivers read back. Each reserved range of sequence numbers is aimed at one
 * {@link Audience}: the fan-out apps, or one of the single scenario's lone webhooks.
 */
final class BenchEvents {
  private static final int STREAMS_PER_APP = 8;

  /** Who a range of events is for. */
  enum Audience {
    /** Spread over the layout's apps, each event to all {@code subsPerApp} subscriptions of its app. */
    FANOUT,
    /** The single scenario's lone webhook on a port of its own, answering at once. */
    SINGLE,
    /** The single scenario's other lone webhook, on a port that answers after the endpoint delay. */
    SINGLE_DELAYED,
    /** The noisy scenario's twins of the fan-out apps, on the same ports, whose webhooks keep each stream in order. */
    ORDERED
  }

  private final BenchLayout layout;
  private final String runId;
  private final boolean singles;
  private final boolean orderedTwins;
  private final NavigableMap<Integer, Audience> audiences = new ConcurrentSkipListMap<>(Map.of(0, Audience.FANOUT));

  /**
   * @param singles whether the single scenario's two lone webhooks (and their two ports) exist
   * @param orderedTwins whether every fan-out app has an ordered twin (apps {@code apps .. 2 × apps − 1})
   */
  BenchEvents(BenchLayout layout, String runId, boolean singles, boolean orderedTwins) {
    if (singles && orderedTwins) {
      throw new IllegalArgumentException("the lone webhooks and the ordered twins would share app numbers");
    }
    this.layout = layout;
    this.runId = runId;
    this.singles = singles;
    this.orderedTwins = orderedTwins;
  }

  static AppId app(int a) {
    return AppId.of("app_bench" + a);
  }

  /** Receiver ports the run needs: the layout's, plus one per lone webhook. */
  int ports() {
    return layout.ports() + (singles ? 2 : 0);
  }

  /** Aims events {@code [from, to)} at {@code audience}; the ranges after it keep theirs. */
  void aim(LoadGenerator.Range range, Audience audience) {
    Audience after = audiences.floorEntry(range.to()).getValue();
    audiences.put(range.from(), audience);
    audiences.putIfAbsent(range.to(), after);
  }

  private Audience audienceOf(int seq) {
    return audiences.floorEntry(seq).getValue();
  }

  int appOf(int seq) {
    return switch (audienceOf(seq)) {
      case FANOUT -> seq % layout.apps();
      case SINGLE -> layout.apps();
      case SINGLE_DELAYED -> layout.apps() + 1;
      case ORDERED -> layout.apps() + seq % layout.apps();
    };
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
    List<Subscription> subs = new ArrayList<>(layout.subscriptions() + 2);
    for (int a = 0; a < layout.apps(); a++) {
      for (int j = 0; j < layout.subsPerApp(); j++) {
        subs.add(subscription(receivers, a, j, layout.portIndex(a, j), DeliveryOptions.DEFAULTS, random, now));
        if (orderedTwins) {
          subs.add(subscription(receivers, layout.apps() + a, j, layout.portIndex(a, j),
              DeliveryOptions.DEFAULTS.withOrdering(DeliveryOptions.Ordering.STREAM), random, now));
        }
      }
    }
    if (singles) {
      subs.add(subscription(receivers, layout.apps(), 0, singlePort(Audience.SINGLE), DeliveryOptions.DEFAULTS, random, now));
      subs.add(subscription(receivers, layout.apps() + 1, 0, singlePort(Audience.SINGLE_DELAYED), DeliveryOptions.DEFAULTS,
          random, now));
    }
    return subs;
  }

  /** The port index of a lone webhook: after the layout's ports. */
  int singlePort(Audience audience) {
    return layout.ports() + (audience == Audience.SINGLE ? 0 : 1);
  }

  private Subscription subscription(ReceiverFleet receivers, int app, int sub, int port, DeliveryOptions options,
      SecureRandom random, Instant now) {
    String url = "http://127.0.0.1:" + receivers.port(port) + "/hook/" + app + "/" + sub;
    return new Subscription(WebhookId.of("wh_bench_" + runId + "_" + app + "_" + sub), app(app), url,
        Set.of(WebhookEventType.CHAT_MESSAGE_NEW), true, "benchmark", WebhookSecret.generate(random), Optional.empty(), now,
        now, null, options);
  }

  /** Who subscription {@code sub} of event {@code seq} is and how its endpoint answers now, e.g. "ordered/failing". */
  String kindOf(int seq, int sub, ReceiverFleet receivers) {
    return audienceOf(seq).name().toLowerCase(Locale.ROOT) + "/" + behaviourOf(seq, sub, receivers).name().toLowerCase(Locale.ROOT);
  }

  private EndpointBehaviour behaviourOf(int seq, int sub, ReceiverFleet receivers) {
    Audience audience = audienceOf(seq);
    if (audience == Audience.SINGLE || audience == Audience.SINGLE_DELAYED) {
      return receivers.behaviour(singlePort(audience));
    }
    return receivers.behaviour(layout.portIndex(appOf(seq) % layout.apps(), sub));
  }

  /** Deliveries (subscriptions) of event {@code seq}. */
  int fanOutOf(int seq) {
    Audience a = audienceOf(seq);
    return a == Audience.FANOUT || a == Audience.ORDERED ? layout.subsPerApp() : 1;
  }

  /** Deliveries of the first {@code events} events: what the closing ledger must account for. */
  long deliveriesOf(int events) {
    long n = 0;
    for (int seq = 0; seq < events; seq++) {
      n += fanOutOf(seq);
    }
    return n;
  }

  /** Deliveries of event {@code seq} that go to endpoints whose behaviour is {@code healthy()} under {@code receivers} now. */
  int healthyDeliveriesOf(int seq, ReceiverFleet receivers) {
    Audience audience = audienceOf(seq);
    if (audience == Audience.SINGLE || audience == Audience.SINGLE_DELAYED) {
      return receivers.behaviour(singlePort(audience)).healthy() ? 1 : 0;
    }
    int a = appOf(seq) % layout.apps(); // an ordered twin uses its original's ports
    
    int n = 0;
    for (int j = 0; j < layout.subsPerApp(); j++) {
      if (receivers.behaviour(layout.portIndex(a, j)).healthy()) {
        n++;
      }
    }
    return n;
  }
}
