package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.event.ChatMessageNew;
import io.realcast.webhooks.event.RawData;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawStreamLive;
import io.realcast.webhooks.event.RawStreamOffline;
import io.realcast.webhooks.event.RawViewerJoined;
import io.realcast.webhooks.event.RawViewerLeft;
import io.realcast.webhooks.event.RecordingReady;
import io.realcast.webhooks.event.RecordingStarted;
import io.realcast.webhooks.event.StreamError;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A known set of raw events: streams that go live, gain and lose viewers, chat, record, and go offline, in an
 * order the router accepts (so every event but viewer.left yields a webhook). Streams are interleaved,
 * each stream's events stay in order, as they would on one partition.
 */
public final class LoadPlan {
  private LoadPlan() {}

  /**
   * {@code streamsPerApp} streams for each app, each with {@code cycles} rounds of five events (two joins, a chat,
   * a leave, a recording start or a stream error) between its stream.live and its stream.offline + recording.ready.
   * Events per stream: 5 × cycles + 3; webhooks per stream and subscriber to everything: 4 × cycles + 3.
   */
  public static List<RawEvent> streams(String tag, List<AppId> apps, int streamsPerApp, int cycles, Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    List<List<RawEvent>> scripts = new ArrayList<>();
    int[] sequence = {0};
    for (AppId app : apps) {
      for (int s = 0; s < streamsPerApp; s++) {
        String stream = "stream_" + tag + "_" + app.value().substring(4) + "_" + s;
        scripts.add(script(tag, sequence, app, stream, cycles, at));
      }
    }
    List<RawEvent> interleaved = new ArrayList<>();
    for (int i = 0; ; i++) {
      boolean any = false;
      for (List<RawEvent> script : scripts) {
        if (i < script.size()) {
          interleaved.add(script.get(i));
          any = true;
        }
      }
      if (!any) {
        return interleaved;
      }
    }
  }

  private static List<RawEvent> script(String tag, int[] sequence, AppId app, String stream, int cycles, Instant at) {
    List<RawData> data = new ArrayList<>();
    data.add(new RawStreamLive(stream, "Fault suite \"" + stream + "\" ✓ <b>&amp;</b>", "user_" + stream, at));
    for (int c = 0; c < cycles; c++) {
      data.add(new RawViewerJoined(stream, "viewer_a" + c));
      data.add(new ChatMessageNew(stream, "msg_" + c, "user_" + c, "Viewer " + c, "message " + c + " — 😀 \u2028 </script>", at));
      data.add(new RawViewerJoined(stream, "viewer_b" + c));
      data.add(new RawViewerLeft(stream, "viewer_a" + c));
      data.add(c % 2 == 0 ? new RecordingStarted("rec_" + stream + "_" + c, stream)
          : new StreamError(stream, "ENCODER_ERROR", "dropped frames " + c));
    }
    data.add(new RawStreamOffline(stream, at.plusSeconds(60)));
    data.add(new RecordingReady("rec_" + stream, stream, "https://cdn.example.com/" + stream + ".mp4", 60, 1_048_576));
    List<RawEvent> events = new ArrayList<>();
    for (RawData d : data) {
      events.add(new RawEvent(EventId.of("evt_" + tag + "_" + (sequence[0]++)), app, at, d));
    }
    return events;
  }
}
