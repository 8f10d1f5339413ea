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
import io.realcast.webhooks.router.state.StreamStateMachine.Viewers;
import io.realcast.webhooks.router.state.Transition.Emit;
import io.realcast.webhooks.router.state.Transition.Hold;
import io.realcast.webhooks.router.state.Transition.Ignore;
import io.realcast.webhooks.router.state.Transition.StateChange;
import io.realcast.webhooks.router.state.Transition.Update;
import io.realcast.webhooks.router.state.Transition.ViewerChange;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamStateMachineTest {
  private static final AppId APP = AppId.of("app_a");
  private static final Instant T0 = Instant.parse("2024-12-09T10:00:00Z");
  private static final long NOW = T0.toEpochMilli();
  private static final StreamRules RULES = StreamRules.defaults(Duration.ofSeconds(30));
  private static final StreamState LIVE = StreamState.started(
      new StreamState.Session("s1", APP, EventId.of("evt_live"), "Title", T0), T0, NOW, 30_000);
  private static final Viewers NOBODY = v -> false;

  private static RawEvent event(String id, RawData data) {
    return new RawEvent(EventId.of(id), APP, T0.plusSeconds(5), data);
  }

  private static Viewers present(String... ids) {
    return Set.of(ids)::contains;
  }

  private static StreamState withViewers(StreamState state, long present, long unnamed, long peak) {
    return state.withViewers(new StreamState.ViewerCounts(present, unnamed, peak, 0));
  }

  private static Transition apply(StreamState state, RawEvent event, Viewers viewers) {
    return StreamStateMachine.apply(state, event, viewers, NOW, RULES);
  }

  @Test
  void shouldStartAStateAndSendStreamLiveWithTheAppId() {
    Emit emit = (Emit) apply(null, event("evt_live", new RawStreamLive("s1", "Title", "user_1", T0)), NOBODY);

    StreamState started = ((StateChange.Put) emit.state()).state();
    assertThat(started.session()).isEqualTo(LIVE.session());
    assertThat(started.viewerCount()).isZero();
    assertThat(started.cadence()).isEqualTo(new StreamState.Cadence(0, NOW + 30_000));
    assertThat(emit.event().data()).isEqualTo(new StreamLivePayload("s1", "app_a", "Title", "user_1", T0));
    assertThat(emit.event().id()).isEqualTo(EventId.of("evt_live"));
    assertThat(emit.event().timestamp()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void shouldIgnoreStreamLiveWhileLive() {
    Transition t = apply(LIVE, event("evt_2", new RawStreamLive("s1", "New", "user_1", T0)), NOBODY);

    assertThat(t).isInstanceOfSatisfying(Ignore.class, i -> assertThat(i.reason()).isEqualTo(IgnoredReason.ALREADY_LIVE));
  }

  @Test
  void shouldAddANewViewerCountItAndRaiseThePeak() {
    Emit emit = (Emit) apply(withViewers(LIVE, 4, 0, 4), event("evt_j", new RawViewerJoined("s1", "v")), NOBODY);

    assertThat(emit.viewer()).isEqualTo(new ViewerChange.Add("v"));
    assertThat(emit.event().data()).isEqualTo(new ViewerJoinedPayload("s1", "v", 5));
    assertThat(((StateChange.Put) emit.state()).state().peakViewers()).isEqualTo(5);
  }

  @Test
  void shouldSendARejoinButNotCountThePresentViewerAgain() {
    Emit emit = (Emit) apply(withViewers(LIVE, 4, 0, 4), event("evt_j", new RawViewerJoined("s1", "v")), present("v"));

    assertThat(emit.viewer()).isEqualTo(ViewerChange.NONE);
    assertThat(emit.event().data()).isEqualTo(new ViewerJoinedPayload("s1", "v", 4));
  }

  @Test
  void shouldRemoveAPresentViewerWithoutSendingAnything() {
    Transition t = apply(withViewers(LIVE, 4, 0, 4), event("evt_l", new RawViewerLeft("s1", "v")), present("v"));

    Update update = (Update) t;
    assertThat(update.viewer()).isEqualTo(new ViewerChange.Remove("v"));
    assertThat(update.state().viewerCount()).isEqualTo(3);
    assertThat(update.state().peakViewers()).isEqualTo(4);
  }

  @Test
  void shouldIgnoreALeaveOfAViewerWhoIsNotPresent() {
    Transition t = apply(withViewers(LIVE, 2, 0, 2), event("evt_l", new RawViewerLeft("s1", "v")), present("w"));

    assertThat(t).isInstanceOfSatisfying(Ignore.class,
        i -> assertThat(i.reason()).isEqualTo(IgnoredReason.VIEWER_NOT_PRESENT));
  }

  @Test
  void shouldCountDownTheUnnamedViewersOfStateFromAnOlderVersion() {
    Update update = (Update) apply(withViewers(LIVE, 3, 2, 5), event("evt_l", new RawViewerLeft("s1", "v")), NOBODY);

    assertThat(update.viewer()).isEqualTo(ViewerChange.NONE);
    assertThat(update.state().viewers()).isEqualTo(new StreamState.ViewerCounts(2, 1, 5, 0));
  }

  @Test
  void shouldHoldEventsThatNeedALiveStreamWhileItIsNotLive() {
    assertThat(apply(null, event("evt_j", new RawViewerJoined("s1", "v")), NOBODY)).isInstanceOf(Hold.class);
    assertThat(apply(null, event("evt_l", new RawViewerLeft("s1", "v")), NOBODY)).isInstanceOf(Hold.class);
    assertThat(apply(null, event("evt_o", new RawStreamOffline("s1", T0)), NOBODY)).isInstanceOf(Hold.class);
  }

  @Test
  void shouldIgnoreViewerEventsWhenTheGracePeriodEndsWithoutStreamLive() {
    assertThat(StreamStateMachine.afterGrace(event("evt_j", new RawViewerJoined("s1", "v")), null))
        .isEqualTo(new Ignore(IgnoredReason.STREAM_NOT_LIVE, new StateChange.Unchanged()));
    assertThat(StreamStateMachine.afterGrace(event("evt_l", new RawViewerLeft("s1", "v")), EndCause.OFFLINE))
        .isEqualTo(new Ignore(IgnoredReason.STREAM_NOT_LIVE, new StateChange.Unchanged()));
  }

  @Test
  void shouldStillSendStreamOfflineOfAStreamNeverSeenLiveWithWhatItKnows() {
    Emit emit = (Emit) StreamStateMachine.afterGrace(event("evt_o", new RawStreamOffline("s1", T0.plusSeconds(60))), null);

    assertThat(emit.state()).isEqualTo(new StateChange.Unchanged());
    assertThat(emit.event().data()).isEqualTo(new StreamOfflinePayload("s1", 0, 0, T0.plusSeconds(60)));
  }

  @Test
  void shouldIgnoreStreamOfflineOfASessionThatAlreadyEnded() {
    RawEvent offline = event("evt_o", new RawStreamOffline("s1", T0));

    assertThat(StreamStateMachine.afterGrace(offline, EndCause.OFFLINE))
        .isEqualTo(new Ignore(IgnoredReason.ALREADY_ENDED, new StateChange.Unchanged()));
    assertThat(StreamStateMachine.afterGrace(offline, EndCause.EXPIRED))
        .isEqualTo(new Ignore(IgnoredReason.STREAM_EXPIRED, new StateChange.Unchanged()));
  }

  @Test
  void shouldIgnoreAnotherAppsEventsForALiveStream() {
    RawEvent foreign = new RawEvent(EventId.of("evt_j"), AppId.of("app_b"), T0, new RawViewerJoined("s1", "v"));

    assertThat(apply(LIVE, foreign, NOBODY))
        .isEqualTo(new Ignore(IgnoredReason.APP_MISMATCH, new StateChange.Unchanged()));
  }

  @Test
  void shouldSendDurationAndPeakAndEndTheSessionOnOffline() {
    Emit emit = (Emit) apply(withViewers(LIVE, 3, 0, 10), event("evt_o", new RawStreamOffline("s1", T0.plusSeconds(3600))), NOBODY);

    assertThat(emit.state()).isEqualTo(new StateChange.End(EndCause.OFFLINE));
    assertThat(emit.event().data()).isEqualTo(new StreamOfflinePayload("s1", 3600, 10, T0.plusSeconds(3600)));
  }

  @Test
  void shouldPassStatelessEventsWhetherOrNotTheStreamIsLive() {
    RecordingReady ready = new RecordingReady("rec_1", "s1", "https://cdn/x", 10, 20);
    ChatMessageNew chat = new ChatMessageNew("s1", "m", "u", "n", "hi", T0);

    for (StreamState state : new StreamState[] {null, LIVE}) {
      Emit emitReady = (Emit) apply(state, event("evt_r", ready), NOBODY);
      Emit emitChat = (Emit) apply(state, event("evt_c", chat), NOBODY);
      assertThat(emitReady.event().data()).isSameAs(ready);
      assertThat(emitChat.event().data()).isSameAs(chat);
    }
  }

  @Test
  void shouldNoteActivityOfTheStreamToTheSecondOnly() {
    RawEvent chat = event("evt_c", new ChatMessageNew("s1", "m", "u", "n", "hi", T0));

    Emit sameSecond = (Emit) StreamStateMachine.apply(LIVE, new RawEvent(chat.id(), APP, T0, chat.data()), NOBODY, NOW + 999, RULES);
    Emit later = (Emit) StreamStateMachine.apply(LIVE, chat, NOBODY, NOW + 61_000, RULES);

    assertThat(sameSecond.state()).isEqualTo(new StateChange.Unchanged());
    StreamState.Activity activity = ((StateChange.Put) later.state()).state().activity();
    assertThat(activity).isEqualTo(new StreamState.Activity(NOW + 61_000, T0.plusSeconds(5)));
  }
}
