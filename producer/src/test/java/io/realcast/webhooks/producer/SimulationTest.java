package io.realcast.webhooks.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.ChatMessageNew;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.event.RawEventType;
import io.realcast.webhooks.event.RawViewerJoined;
import io.realcast.webhooks.event.RawViewerLeft;
import io.realcast.webhooks.event.RecordingReady;
import io.realcast.webhooks.event.RecordingStarted;
import io.realcast.webhooks.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulationTest {
  private static final SimulatorConfig CONFIG =
      new SimulatorConfig(SimulatorConfig.simulatedApps(3), 8, 100, Duration.ofHours(1), 0, 42);
  /** One long run shared by the invariant tests: the simulation is deterministic, so replaying it adds nothing. */
  private static final List<RawEvent> LONG_RUN = play(CONFIG, 20_000);

  /** {@code count} events, 10 ms apart on a mutable clock, then the closing events. */
  static List<RawEvent> play(SimulatorConfig config, int count) {
    MutableClock clock = MutableClock.at("2024-12-09T10:00:00Z");
    Simulation simulation = new Simulation(config, clock);
    List<RawEvent> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(simulation.next());
      clock.advance(Duration.ofMillis(10));
    }
    out.addAll(simulation.finish());
    assertThat(simulation.liveStreams()).isZero();
    return out;
  }

  @Test
  void shouldTakeEveryStreamThroughLiveThenOfflineWithNothingOutsideItsLife() {
    Set<String> live = new HashSet<>();
    Set<String> ended = new HashSet<>();
    for (RawEvent e : LONG_RUN) {
      String stream = e.streamId();
      switch (e.type()) {
        case STREAM_LIVE -> {
          assertThat(live.add(stream)).as("%s went live twice", stream).isTrue();
          assertThat(ended).doesNotContain(stream);
        }
        case STREAM_OFFLINE -> {
          assertThat(live.remove(stream)).as("%s went offline without being live", stream).isTrue();
          ended.add(stream);
        }
        case RECORDING_READY -> assertThat(ended).as("recording of %s ready before the stream ended", stream).contains(stream);
        default -> assertThat(live).as("%s of %s outside its life", e.type(), stream).contains(stream);
      }
    }
    assertThat(live).as("streams left live after finish()").isEmpty();
    assertThat(ended).hasSizeGreaterThan(CONFIG.streams());
  }

  @Test
  void shouldNeverLetAViewerLeaveWhoIsNotWatching() {
    Map<String, Set<String>> watching = new HashMap<>();
    long joins = 0;
    long leaves = 0;
    for (RawEvent e : LONG_RUN) {
      if (e.data() instanceof RawViewerJoined j) {
        assertThat(watching.computeIfAbsent(j.streamId(), s -> new HashSet<>()).add(j.viewerId())).isTrue();
        joins++;
      } else if (e.data() instanceof RawViewerLeft l) {
        assertThat(watching.getOrDefault(l.streamId(), Set.of())).as("%s left %s", l.viewerId(), l.streamId()).contains(l.viewerId());
        watching.get(l.streamId()).remove(l.viewerId());
        leaves++;
      }
    }
    assertThat(leaves).isPositive().isLessThan(joins);
  }

  @Test
  void shouldMoveViewerCountsUpAndDownWithinStreams() {
    Map<String, Integer> count = new HashMap<>();
    Map<String, Integer> peak = new HashMap<>();
    int dips = 0;
    for (RawEvent e : LONG_RUN) {
      if (e.type() == RawEventType.VIEWER_JOINED) {
        int now = count.merge(e.streamId(), 1, Integer::sum);
        peak.merge(e.streamId(), now, Math::max);
      } else if (e.type() == RawEventType.VIEWER_LEFT) {
        count.merge(e.streamId(), -1, Integer::sum);
        dips++;
      }
    }
    assertThat(peak.values()).anyMatch(p -> p >= 10);
    assertThat(dips).isGreaterThan(1000);
  }

  @Test
  void shouldMatchEveryReadyRecordingToItsStartedOneAndStream() {
    Map<String, String> started = new HashMap<>();
    int ready = 0;
    for (RawEvent e : LONG_RUN) {
      if (e.data() instanceof RecordingStarted s) {
        assertThat(started.put(s.recordingId(), s.streamId())).isNull();
      } else if (e.data() instanceof RecordingReady r) {
        assertThat(started.get(r.recordingId())).isEqualTo(r.streamId());
        assertThat(r.duration()).isPositive();
        assertThat(r.fileSize()).isPositive();
        ready++;
      }
    }
    assertThat(ready).isEqualTo(started.size());
  }

  @Test
  void shouldSendChatInBurstsFromTheStreamsViewers() {
    List<RawEvent> events = LONG_RUN;
    int longestRun = 0;
    int run = 0;
    for (RawEvent e : events) {
      run = e.data() instanceof ChatMessageNew ? run + 1 : 0;
      longestRun = Math.max(longestRun, run);
    }
    assertThat(longestRun).isGreaterThanOrEqualTo(4);
  }

  @Test
  void shouldProduceEveryRawTypeOnlyValidEventsAndUniqueIds() {
    List<RawEvent> events = LONG_RUN;
    RawEventParser parser = new RawEventParser();
    Map<RawEventType, Integer> byType = new EnumMap<>(RawEventType.class);
    Set<String> ids = new HashSet<>();
    for (RawEvent e : events) {
      assertThat(parser.parse(e.toJson())).isEqualTo(e);
      assertThat(ids.add(e.id().value())).isTrue();
      byType.merge(e.type(), 1, Integer::sum);
    }
    assertThat(byType.keySet()).containsExactlyInAnyOrder(RawEventType.values());
    assertThat(events).extracting(RawEvent::appId).containsAll(CONFIG.apps());
  }

  @Test
  void shouldGiveTheSameEventsForTheSameSeedAndOthersForAnother() {
    List<RawEvent> a = play(CONFIG, 3_000);
    List<RawEvent> b = play(CONFIG, 3_000);
    List<RawEvent> c = play(new SimulatorConfig(CONFIG.apps(), CONFIG.streams(), 100, Duration.ofHours(1), 0, 43), 3_000);

    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void shouldStampEachEventWhenItIsEmittedNotWhenItsBurstWasChosen() {
    List<RawEvent> events = play(CONFIG, 2_000);
    Instant start = Instant.parse("2024-12-09T10:00:00Z");

    for (int i = 0; i < 2_000; i++) {
      assertThat(events.get(i).occurredAt()).as("event %d, %s", i, events.get(i).type())
          .isEqualTo(start.plusMillis(10L * i));
    }
  }

  @Test
  void shouldStampEventsWithTheInjectedClock() {
    List<RawEvent> events = play(CONFIG, 500);

    assertThat(events.get(0).occurredAt()).isEqualTo(Instant.parse("2024-12-09T10:00:00Z"));
    assertThat(events.get(events.size() - 1).occurredAt()).isEqualTo(Instant.parse("2024-12-09T10:00:05Z"));
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).occurredAt()).isAfterOrEqualTo(events.get(i - 1).occurredAt());
    }
  }
}
