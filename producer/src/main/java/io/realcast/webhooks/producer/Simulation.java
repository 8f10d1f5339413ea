package io.realcast.webhooks.producer;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The world a {@link Simulator} plays: a fixed number of stream slots spread over apps. Each slot holds a
 * live stream that goes live (and mostly starts recording), gains and loses viewers, gets chat in bursts and
 * the odd error, then goes offline (its recording becoming ready) and is replaced by a new stream. Pure
 * logic: one event per {@link #next()}, stamped by the clock when it is emitted, every choice from one seeded
 * generator.
 */
public final class Simulation {
  private static final String[] TITLES = {
    "Epic Gaming Session", "Speedrun attempts \uD83C\uDFC3", "Chill lo-fi & chat", "Ranked grind to Diamond",
    "Cooking stream: \"perfect\" pasta", "Late night coding <live>", "Première partie — découverte", "Q&A with the devs",
  };
  private static final String[] NAMES = {
    "GamerPro", "night_owl", "Zoë", "pixel\uD83D\uDC7E", "O'Brien", "lurker42", "Алексей", "\u5c0f\u660e", "x\"quote\"x",
  };
  private static final String[] MESSAGES = {
    "Great stream!", "GG \uD83D\uDD25", "lol", "first time here, hi!", "what rank are you?", "\uD83D\uDC4D\uD83D\uDC4D",
    "that was insane", "can you play <that> song?", "brb", "C:\\games\\save — backslashes!", "100% \"legit\"",
  };
  private static final String[][] ERRORS = {
    {"ENCODER_ERROR", "Encoder disconnected unexpectedly"},
    {"NETWORK_TIMEOUT", "Ingest connection timed out"},
    {"BITRATE_DROP", "Bitrate fell below 500 kbps"},
  };
  /** Bytes per second of a recording: about 2.5 Mbit/s. */
  private static final long RECORDING_BYTES_PER_SECOND = 312_500;

  private final List<AppId> apps;
  private final Random random;
  private final Clock clock;
  private final EventFactory events;
  private final Slot[] slots;
  /**
   * What the last choice made happen, in order, made into events only as {@link #next()} hands them out: a burst of
   * chat or a stream going live is one choice and several events, and each is stamped when it is emitted. Stamped
   * at the choice, the eighth message of a burst would carry a time 0.7 s old at 10 events/s, and every latency
   * measured from event time (the demo's first-attempt p99) would count the simulator's own queue.
   */
  private final Deque<Supplier<RawEvent>> pending = new ArrayDeque<>();
  private long streamSequence;
  private long viewerSequence;
  private long messageSequence;

  public Simulation(SimulatorConfig config, Clock clock) {
    this.apps = config.apps();
    this.random = new Random(config.seed());
    this.clock = clock;
    this.events = new EventFactory(clock, () -> EventId.random(clock, random));
    this.slots = new Slot[config.streams()];
  }

  /** The next event; slots whose stream has not started yet go live first. */
  public RawEvent next() {
    if (pending.isEmpty()) {
      int index = random.nextInt(slots.length);
      Slot slot = slots[index];
      if (slot == null) {
        slots[index] = startStream(index);
      } else {
        act(index, slot);
      }
    }
    return pending.poll().get();
  }

  /** Ends every live stream (offline, then its recording becomes ready): what a clean shutdown publishes. */
  public List<RawEvent> finish() {
    List<RawEvent> out = new ArrayList<>();
    drainInto(out);
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] != null) {
        endStream(slots[i]);
        slots[i] = null;
        drainInto(out);
      }
    }
    return out;
  }

  private void drainInto(List<RawEvent> out) {
    while (!pending.isEmpty()) {
      out.add(pending.poll().get());
    }
  }

  /** Streams live right now. */
  public int liveStreams() {
    int live = 0;
    for (Slot s : slots) {
      live += s == null ? 0 : 1;
    }
    return live;
  }

  private void act(int index, Slot slot) {
    slot.eventsLeft--;
    if (slot.eventsLeft <= 0) {
      endStream(slot);
      slots[index] = startStream(index);
      return;
    }
    double roll = random.nextDouble();
    int viewers = slot.viewers.size();
    double joinWeight = viewers < slot.targetViewers ? 0.45 : 0.15;
    double leaveWeight = viewers == 0 ? 0 : (viewers > slot.targetViewers ? 0.40 : 0.20);
    double chatWeight = viewers == 0 ? 0 : 0.12;
    double errorWeight = 0.004;
    double total = joinWeight + leaveWeight + chatWeight + errorWeight;
    roll *= total;
    if (roll < joinWeight) {
      String viewer = "viewer_" + (++viewerSequence);
      slot.viewers.add(viewer);
      pending.add(() -> events.viewerJoined(slot.app, slot.streamId, viewer));
    } else if (roll < joinWeight + leaveWeight) {
      String viewer = slot.viewers.remove(random.nextInt(viewers));
      pending.add(() -> events.viewerLeft(slot.app, slot.streamId, viewer));
    } else if (roll < joinWeight + leaveWeight + chatWeight) {
      chatBurst(slot);
    } else {
      String[] error = ERRORS[random.nextInt(ERRORS.length)];
      pending.add(() -> events.streamError(slot.app, slot.streamId, error[0], error[1]));
    }
  }

  /** One to eight messages in a row from the stream's viewers: chat comes in bursts. */
  private void chatBurst(Slot slot) {
    int burst = 1 + random.nextInt(8);
    for (int i = 0; i < burst; i++) {
      int who = random.nextInt(slot.viewers.size());
      String user = "user_" + slot.viewers.get(who).substring("viewer_".length());
      String name = NAMES[random.nextInt(NAMES.length)];
      String message = MESSAGES[random.nextInt(MESSAGES.length)];
      String messageId = "msg_" + (++messageSequence);
      pending.add(() -> events.chatMessage(slot.app, slot.streamId, messageId, user, name, message));
    }
  }

  private Slot startStream(int index) {
    long n = ++streamSequence;
    AppId app = apps.get(index % apps.size());
    String token = Long.toString(random.nextLong() & 0xFFFF_FFFFL, 36);
    Slot slot = new Slot(app, "stream_" + token + "_" + n, clock.instant());
    slot.targetViewers = 3 + random.nextInt(60);
    slot.eventsLeft = 40 + random.nextInt(400);
    String streamer = "user_streamer" + (1 + random.nextInt(1000));
    String title = TITLES[random.nextInt(TITLES.length)];
    pending.add(() -> events.streamLive(app, slot.streamId, title, streamer));
    if (random.nextInt(4) != 0) {
      slot.recordingId = "rec_" + token + "_" + n;
      pending.add(() -> events.recordingStarted(app, slot.streamId, slot.recordingId));
    }
    return slot;
  }

  private void endStream(Slot slot) {
    pending.add(() -> events.streamOffline(slot.app, slot.streamId));
    if (slot.recordingId != null) {
      long seconds = Math.max(1, Duration.between(slot.startedAt, clock.instant()).toSeconds());
      long size = seconds * RECORDING_BYTES_PER_SECOND + random.nextInt(1 << 20);
      String url = "https://cdn.realcast.example/recordings/" + slot.recordingId + ".mp4";
      pending.add(() -> events.recordingReady(slot.app, slot.streamId, slot.recordingId, url, seconds, size));
    }
  }

  /** One live stream and what the simulation remembers about it. */
  private static final class Slot {
    final AppId app;
    final String streamId;
    final Instant startedAt;
    final List<String> viewers = new ArrayList<>();
    String recordingId;
    int targetViewers;
    int eventsLeft;

    Slot(AppId app, String streamId, Instant startedAt) {
      this.app = app;
      this.streamId = streamId;
      this.startedAt = startedAt;
    }
  }
}
