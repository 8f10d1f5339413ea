package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.Ids;
import io.realcast.webhooks.router.RouterMetrics;
import io.realcast.webhooks.router.state.EndCause;
import io.realcast.webhooks.router.state.StreamRules;
import io.realcast.webhooks.router.state.StreamState;
import io.realcast.webhooks.router.state.StreamStateMachine;
import io.realcast.webhooks.router.state.Transition;
import io.realcast.webhooks.router.state.Transition.StateChange;
import io.realcast.webhooks.router.state.WakeUp;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves stream state between its stores ({@link StreamStores}) and the pure rules ({@link StreamStateMachine},
 * {@link WakeUp}): events that need a live stream wait for its stream.live, and every wake-up period the
 * streams due then (an update, an idle end, a grace period over) are looked at, found through two
 * in-memory {@link WakeUpSchedule}s rebuilt from the stores when the task starts. Ignored events that would
 * have been webhooks are copied to realcast.events.invalid.
 */
public final class StreamStateProcessor implements Processor<String, ParsedEvent, String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(StreamStateProcessor.class);
  // Held events were valid when they were held; a smaller size limit set meanwhile must not reject them.
  private static final RawEventParser PARSER = new RawEventParser(Integer.MAX_VALUE);
  private static final int MAX_ENDS_FORGOTTEN_PER_WAKE_UP = 10_000;

  /** Store names and children, as the topology wires them. */
  public record Wiring(String states, String viewers, String held, String ended, String fanOutChild, String refusedChild) {}

  private final Wiring wiring;
  private final StreamRules rules;
  private final long endMemoryMillis;
  private final RouterMetrics metrics;
  private final InvalidOutput invalidOutput;
  private final WakeUpSchedule liveStreams = new WakeUpSchedule();
  private final WakeUpSchedule heldStreams = new WakeUpSchedule();
  private ProcessorContext<String, Object> context;
  private StreamStores stores;
  private long live;

  public StreamStateProcessor(Wiring wiring, StreamRules rules, long endMemoryMillis, RouterMetrics metrics,
      InvalidOutput invalidOutput) {
    this.wiring = wiring;
    this.rules = rules;
    this.endMemoryMillis = endMemoryMillis;
    this.metrics = metrics;
    this.invalidOutput = invalidOutput;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.stores = new StreamStores(context.getStateStore(wiring.states()), context.getStateStore(wiring.viewers()),
        context.getStateStore(wiring.held()), context.getStateStore(wiring.ended()), endMemoryMillis,
        context.taskId().partition());
    liveStreams.clear();
    heldStreams.clear();
    stores.forEachState(s -> liveStreams.schedule(s.streamId(), WakeUp.dueAt(s, rules)));
    Map<String, Long> firstHeld = new HashMap<>();
    stores.forEachHeld(h -> firstHeld.merge(StreamStores.streamOf(h), h.heldAtMillis(), Math::min));
    firstHeld.forEach((stream, heldAt) -> heldStreams.schedule(stream, heldAt + rules.earlyEventGrace().toMillis()));
    live = liveStreams.size();
    metrics.liveStreams(live);
    context.schedule(rules.wakeUpPeriod(), PunctuationType.WALL_CLOCK_TIME, now -> metrics.wakeUp(() -> wakeUp(now)));
  }

  @Override
  public void process(Record<String, ParsedEvent> record) {
    handle(record.value(), context.currentSystemTimeMs(), record.timestamp());
  }

  private void handle(ParsedEvent parsed, long now, long timestamp) {
    RawEvent event = parsed.event();
    String stream = event.streamId();
    Transition transition = StreamStateMachine.apply(stores.state(stream), event, v -> stores.isPresent(stream, v), now, rules);
    if (transition instanceof Transition.Hold) {
      stores.hold(stream, parsed.source(), now, parsed.bytes());
      metrics.held(event.type());
      heldStreams.scheduleIfAbsent(stream, now + rules.earlyEventGrace().toMillis());
      return;
    }
    apply(parsed, transition, now, timestamp);
    if (transition instanceof Transition.Emit emit && emit.event().type() == WebhookEventType.STREAM_LIVE) {
      releaseHeld(stream, now);
    }
  }

  private void apply(ParsedEvent parsed, Transition transition, long now, long timestamp) {
    RawEvent event = parsed.event();
    String stream = event.streamId();
    if (transition instanceof Transition.Emit emit) {
      change(stream, emit.state(), emit.event().type() == WebhookEventType.STREAM_LIVE, now);
      stores.apply(stream, emit.viewer());
      context.forward(new Record<>(stream, new RoutedEvent(event.appId(), emit.event(), parsed.traceParent()), timestamp),
          wiring.fanOutChild());
    } else if (transition instanceof Transition.Update update) {
      stores.put(update.state());
      stores.apply(stream, update.viewer());
    } else if (transition instanceof Transition.Ignore ignore) {
      change(stream, ignore.state(), false, now);
      metrics.ignored(event.type(), ignore.reason());
      LOG.debug("Ignored {} {} of stream {}: {}", event.type(), event.id(), stream, ignore.reason());
      if (WebhookEventType.fromWireName(event.type().wireName()).isPresent()) {
        String detail = event.type() + " " + event.id() + " of stream " + Ids.quoteShort(stream) + ": " + ignore.reason().description();
        invalidOutput.record(stream, parsed.bytes(), null, ignore.reason().code(), detail, parsed.source(), timestamp)
            .ifPresent(r -> context.forward(r.withValue((Object) r.value()), wiring.refusedChild()));
      }
    } else if (transition instanceof Transition.Hold) {
      throw new IllegalStateException("a hold is handled where the event arrives");
    }
  }

  private void change(String stream, StateChange change, boolean started, long now) {
    if (change instanceof StateChange.Put put) {
      stores.put(put.state());
      if (started) {
        liveStreams.schedule(stream, WakeUp.dueAt(put.state(), rules));
        live++;
        metrics.liveStreams(1);
      }
    } else if (change instanceof StateChange.End end) {
      endSession(stream, end.cause(), now);
    }
  }

  private void endSession(String stream, EndCause cause, long now) {
    stores.end(stream, cause, now);
    liveStreams.cancel(stream);
    live--;
    metrics.liveStreams(-1);
  }

  /** The stream just went live: its held events are processed now, in the order they came. */
  private void releaseHeld(String stream, long now) {
    heldStreams.cancel(stream);
    for (StreamStores.HeldEvent held : stores.held(stream)) {
      stores.release(held);
      handle(reparse(held), now, now);
    }
  }

  private void wakeUp(long now) {
    for (String stream : liveStreams.takeDue(now)) {
      StreamState state = stores.state(stream);
      if (state != null) {
        wakeUp(state, now);
      }
    }
    for (String stream : heldStreams.takeDue(now)) {
      graceOver(stream, now);
    }
    stores.forgetOldEnds(now, MAX_ENDS_FORGOTTEN_PER_WAKE_UP);
  }

  private void wakeUp(StreamState state, long now) {
    WakeUp next = WakeUp.of(state, now, rules);
    if (next instanceof WakeUp.Expire expire) {
      endSession(state.streamId(), EndCause.EXPIRED, now);
      metrics.streamExpired();
      LOG.debug("Stream {} idle for {}: ended", state.streamId(), rules.idleTimeout());
      context.forward(new Record<>(state.streamId(), new RoutedEvent(state.appId(), expire.offline()), now), wiring.fanOutChild());
    } else if (next instanceof WakeUp.Tick tick) {
      stores.put(tick.next());
      liveStreams.schedule(state.streamId(), WakeUp.dueAt(tick.next(), rules));
      metrics.viewerCountUpdate();
      context.forward(new Record<>(state.streamId(), new RoutedEvent(state.appId(), tick.update()), now), wiring.fanOutChild());
    } else if (next instanceof WakeUp.Wait wait) {
      liveStreams.schedule(state.streamId(), wait.atMillis());
    }
  }

  /** The grace period of the stream's oldest held events is over: they are decided without a stream.live. */
  private void graceOver(String stream, long now) {
    long grace = rules.earlyEventGrace().toMillis();
    for (StreamStores.HeldEvent held : stores.held(stream)) {
      if (held.heldAtMillis() + grace > now) {
        heldStreams.schedule(stream, held.heldAtMillis() + grace);
        return;
      }
      stores.release(held);
      ParsedEvent parsed = reparse(held);
      if (stores.state(stream) != null) {
        handle(parsed, now, now); // live meanwhile (not through a stream.live of this task): apply as usual
      } else {
        apply(parsed, StreamStateMachine.afterGrace(parsed.event(), stores.lastEnd(stream, now)), now, now);
      }
    }
  }

  private static ParsedEvent reparse(StreamStores.HeldEvent held) {
    return new ParsedEvent(PARSER.parse(held.bytes()), held.bytes(), held.source());
  }

  @Override
  public void close() {
    metrics.liveStreams(-live);
    live = 0;
    liveStreams.clear();
    heldStreams.clear();
  }
}
