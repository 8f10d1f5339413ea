package io.realcast.webhooks.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.realcast.webhooks.testing.AdversarialStrings;
import io.realcast.webhooks.testing.BadRawEvents.BadRawEvent;
import io.realcast.webhooks.testing.BadRawEvents;
import io.realcast.webhooks.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RawEventParserTest {
  private final RawEventParser parser = new RawEventParser();

  static Stream<BadRawEvent> badEvents() {
    return BadRawEvents.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEvents")
  void shouldRejectBadInputWithItsReasonAndField(BadRawEvent bad) {
    assertThatThrownBy(() -> parser.parse(bad.bytes()))
        .asInstanceOf(type(InvalidRawEventException.class))
        .satisfies(e -> {
          assertThat(e.reason()).as("reason (message: %s)", e.getMessage()).isEqualTo(bad.reason());
          assertThat(e.field()).as("field (message: %s)", e.getMessage()).isEqualTo(bad.field());
          assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(500);
        });
  }

  @Test
  void shouldHaveACorpusOfAtLeastFiftyDistinctlyNamedBadInputs() {
    List<BadRawEvent> all = BadRawEvents.all();
    Set<String> names = new HashSet<>();
    all.forEach(b -> assertThat(names.add(b.name())).as("duplicate case name %s", b.name()).isTrue());
    assertThat(all).hasSizeGreaterThanOrEqualTo(50);
    assertThat(all).extracting(BadRawEvent::reason).containsAll(List.of(InvalidReason.values()));
  }

  @ParameterizedTest
  @EnumSource(RawEventType.class)
  void shouldRoundTripEveryRawTypeThroughToJson(RawEventType type) {
    RawEvent event = TestEvents.event().ofType(type);

    RawEvent parsed = parser.parse(event.toJson());

    assertThat(parsed).isEqualTo(event);
    assertThat(parsed.toJson()).isEqualTo(event.toJson());
  }

  @Test
  void shouldReportANullFieldOfARecordByNameOnceEncoded() {
    RawEvent noTitle = TestEvents.event().with(new RawStreamLive("stream_1", null, "user_1", TestEvents.T0));
    RawEvent noTime = TestEvents.event().with(new RawStreamOffline("stream_1", null));

    assertThatThrownBy(() -> parser.parse(noTitle.toJson())).asInstanceOf(type(InvalidRawEventException.class))
        .satisfies(e -> assertThat(e.field()).isEqualTo("data.title"))
        .extracting(InvalidRawEventException::reason).isEqualTo(InvalidReason.MISSING_FIELD);
    assertThatThrownBy(() -> parser.parse(noTime.toJson())).asInstanceOf(type(InvalidRawEventException.class))
        .extracting(InvalidRawEventException::field).isEqualTo("data.ended_at");
  }

  @Test
  void shouldWriteFieldsInTheSpecOrder() {
    RawEvent joined = TestEvents.event().id("evt_1").viewerJoined("viewer_def456");

    assertThat(new String(joined.toJson(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"id\":\"evt_1\",\"type\":\"viewer.joined\",\"app_id\":\"app_xyz789\",\"occurred_at\":\"2024-12-09T10:00:00Z\","
            + "\"data\":{\"stream_id\":\"stream_abc123\",\"viewer_id\":\"viewer_def456\"}}");
  }

  @Test
  void shouldRoundTripAdversarialTextExactly() {
    for (String text : AdversarialStrings.small()) {
      RawEvent chat = TestEvents.event().chat(text, text);
      RawEvent live = TestEvents.event().streamLive(text, "user_1");

      assertThat(parser.parse(chat.toJson())).isEqualTo(chat);
      assertThat(parser.parse(live.toJson())).isEqualTo(live);
    }
  }

  @Test
  void shouldAcceptLoneSurrogatesFromJsonEscapes() {
    String json = new String(TestEvents.event().id("evt_1").streamLive("TITLE", "user_1").toJson(), StandardCharsets.UTF_8)
        .replace("TITLE", "\\ud800 and \\udc00");

    RawStreamLive data = (RawStreamLive) parser.parse(json.getBytes(StandardCharsets.UTF_8)).data();

    assertThat(data.title()).isEqualTo("\ud800 and \udc00");
  }

  @Test
  void shouldIgnoreUnknownExtraFieldsSoProducersCanEvolve() {
    String json = new String(TestEvents.event().id("evt_1").viewerJoined("viewer_1").toJson(), StandardCharsets.UTF_8)
        .replace("{\"id\"", "{\"schema\":2,\"nested\":{\"a\":[1,2,{\"b\":null}]},\"id\"")
        .replace("\"viewer_id\"", "\"region\":\"eu\",\"viewer_id\"");

    assertThat(parser.parse(json.getBytes(StandardCharsets.UTF_8)).data()).isEqualTo(new RawViewerJoined("stream_abc123", "viewer_1"));
  }

  @Test
  void shouldAcceptTimestampsWithOffsetsAndFractionsAsTheSameInstant() {
    String json = new String(TestEvents.event().id("evt_1").streamOffline().toJson(), StandardCharsets.UTF_8)
        .replace("\"occurred_at\":\"2024-12-09T10:00:00Z\"", "\"occurred_at\":\"2024-12-09T12:00:00.250+02:00\"");

    RawEvent event = parser.parse(json.getBytes(StandardCharsets.UTF_8));

    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-12-09T10:00:00.250Z"));
  }

  @Test
  void shouldAcceptAnEventOfExactlyTheLimit() {
    RawEvent chat = TestEvents.event().chat("u", "");
    int base = chat.toJson().length;
    RawEvent atLimit = TestEvents.event().id(chat.id().value()).chat("u", "m".repeat(RawEventParser.DEFAULT_MAX_BYTES - base));

    assertThat(atLimit.toJson()).hasSize(RawEventParser.DEFAULT_MAX_BYTES);
    assertThat(parser.parse(atLimit.toJson())).isEqualTo(atLimit);
  }

  @Test
  void shouldHonourAConfiguredSizeLimit() {
    RawEvent event = TestEvents.event().viewerJoined("viewer_1");

    assertThatThrownBy(() -> new RawEventParser(100).parse(event.toJson()))
        .asInstanceOf(type(InvalidRawEventException.class))
        .extracting(InvalidRawEventException::reason).isEqualTo(InvalidReason.TOO_LARGE);
  }

  @Test
  void shouldAcceptTheLargestSafeIntegerAndZero() {
    RawEvent ready = TestEvents.event().recordingReady("rec_1", "", 0, 9_007_199_254_740_991L);

    assertThat(parser.parse(ready.toJson())).isEqualTo(ready);
  }

  @Test
  void shouldNotEchoAHugeBadValueIntoTheMessage() {
    String json = new String(TestEvents.event().streamLive().toJson(), StandardCharsets.UTF_8)
        .replace("\"type\":\"stream.live\"", "\"type\":\"" + "x".repeat(10_000) + "\"");

    assertThatThrownBy(() -> parser.parse(json.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("xxxx")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }
}
