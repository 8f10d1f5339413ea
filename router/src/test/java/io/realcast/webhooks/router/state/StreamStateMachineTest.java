package io.realcast.webhooks.router.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.ChatMessageNew;
import io.realcast.webhooks.event.RawData;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawStreamLive;
import io.realcast.webhooks.event.RawStreamOffline;
import io.realcast.webhooks.event.RawViewerJoined;
import io.realcast.webhooks.event.RawViewerLeft;
import io.realcast.webhooks.event.RecordingReady;
import io.realcast.webhooks.event.StreamLivePayload;
import io.realcast.webhooks.event.StreamOfflinePayload;
import io.realcast.webhooks.event.ViewerJoinedPayload;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.router.state.Transition.Emit;
import io.realcast.webhooks.router.state.Transition.Ignore;
import io.realcast.webhooks.router.state.Transition.StateChange;
import io.realcast.webhooks.router.state.Transition.Update;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StreamStateMachineTest {
  private static final AppId APP = AppId.of("app_a");
  private static final Instant T0 = Instant.parse("2024-12-09T10:00:00Z");
  private static final StreamState LIVE = StreamState.started("s1", APP, EventId.of("evt_live"), "Title", T0);

  private static RawEvent event(String id, RawData data) {
    return new RawEvent(EventId.of(id), APP, T0.plusSeconds(5), data);
  }

  @Test
  void shouldStartAStateAndSendStreamLiveWithTheAppId() {
    Transition t = StreamStateMachine.apply(null, event("evt_live", new RawStreamLive("s1", "Title", "user_1", T0)));

    Emit emit = (Emit) t;
    assertThat(emit.state()).isEqualTo(new StateChange.Put(LIVE));
    assertThat(emit.event().data()).isEqualTo(new StreamLivePayload("s1", "app_a", "Title", "user_1", T0));
    assertThat(emit.event().id()).isEqualTo(EventId.of("evt_live"));
    assertThat(emit.event().timestamp()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void shouldIgnoreStreamLiveWhileLive() {
    assertThat(StreamStateMachine.apply(LIVE, event("evt_2", new RawStreamLive("s1", "New", "user_1", T0))))
        .isEqualTo(new Ignore(IgnoredReason.ALREADY_LIVE));
  }

  @Test
  void shouldCountAJoinAndRaiseThePeak() {
    Emit emit = (Emit) StreamStateMachine.apply(LIVE.withViewers(4), event("evt_j", new RawViewerJoined("s1", "v")));

    assertThat(emit.event().data()).isEqualTo(new ViewerJoinedPayload("s1", "v", 5));
    assertThat(((StateChange.Put) emit.state()).state().peakViewers()).isEqualTo(5);
  }

  @Test
  void shouldCountALeaveWithoutSendingAnything() {
    Transition t = StreamStateMachine.apply(LIVE.withViewers(4), event("evt_l", new RawViewerLeft("s1", "v")));

    assertThat(t).isEqualTo(new Update(LIVE.withViewers(4).withViewers(3)));
    assertThat(((Update) t).state().peakViewers()).isEqualTo(4);
  }

  @Test
  void shouldIgnoreALeaveAtZero() {
    assertThat(StreamStateMachine.apply(LIVE, event("evt_l", new RawViewerLeft("s1", "v"))))
        .isEqualTo(new Ignore(IgnoredReason.VIEWERS_BELOW_ZERO));
  }

  @Test
  void shouldIgnoreStatefulEventsOfAStreamThatIsNotLive() {
    assertThat(StreamStateMachine.apply(null, event("evt_j", new RawViewerJoined("s1", "v"))))
        .isEqualTo(new Ignore(IgnoredReason.STREAM_NOT_LIVE));
    assertThat(StreamStateMachine.apply(null, event("evt_l", new RawViewerLeft("s1", "v"))))
        .isEqualTo(new Ignore(IgnoredReason.STREAM_NOT_LIVE));
    assertThat(StreamStateMachine.apply(null, event("evt_o", new RawStreamOffline("s1", T0))))
        .isEqualTo(new Ignore(IgnoredReason.STREAM_NOT_LIVE));
  }

  @Test
  void shouldIgnoreAnotherAppsEventsForALiveStream() {
    RawEvent foreign = new RawEvent(EventId.of("evt_j"), AppId.of("app_b"), T0, new RawViewerJoined("s1", "v"));

    assertThat(StreamStateMachine.apply(LIVE, foreign)).isEqualTo(new Ignore(IgnoredReason.APP_MISMATCH));
  }

  @Test
  void shouldSendDurationAndPeakAndRemoveTheStateOnOffline() {
    StreamState state = LIVE.withViewers(10).withViewers(3);

    Emit emit = (Emit) StreamStateMachine.apply(state, event("evt_o", new RawStreamOffline("s1", T0.plusSeconds(3600))));

    assertThat(emit.state()).isEqualTo(new StateChange.Remove());
    assertThat(emit.event().data()).isEqualTo(new StreamOfflinePayload("s1", 3600, 10, T0.plusSeconds(3600)));
  }

  @Test
  void shouldPassStatelessEventsWhetherOrNotTheStreamIsLive() {
    RecordingReady ready = new RecordingReady("rec_1", "s1", "https://cdn/x", 10, 20);
    ChatMessageNew chat = new ChatMessageNew("s1", "m", "u", "n", "hi", T0);

    for (StreamState state : new StreamState[] {null, LIVE}) {
      Emit emitReady = (Emit) StreamStateMachine.apply(state, event("evt_r", ready));
      Emit emitChat = (Emit) StreamStateMachine.apply(state, event("evt_c", chat));
      assertThat(emitReady.state()).isEqualTo(new StateChange.Unchanged());
      assertThat(emitReady.event().data()).isSameAs(ready);
      assertThat(emitChat.event().data()).isSameAs(chat);
    }
  }
}
