package io.realcast.webhooks.router;

import static io.realcast.webhooks.router.RawEvents.chat;
import static io.realcast.webhooks.router.RawEvents.raw;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid raw events go, unchanged and explained, to realcast.events.invalid; routing goes on. */
class RouterTopologyInvalidEventsTest {
  private static final String AT = "2024-12-09T10:10:00Z";

  @TempDir Path stateDir;
  private RouterHarness router;

  @BeforeEach
  void start() {
    router = new RouterHarness(stateDir, Instant.parse("2024-12-09T10:00:00Z"));
    router.register(RouterHarness.allEvents("wh_1", "app_a"));
  }

  @AfterEach
  void stop() {
    router.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "malformed_json|{\"id\":",
      "not_an_object|[1,2,3]",
      "unknown_type|{\"id\":\"evt_1\",\"type\":\"stream.exploded\",\"app_id\":\"app_a\",\"occurred_at\":\"2024-12-09T10:00:00Z\",\"data\":{\"stream_id\":\"s\"}}",
      "missing_field|{\"id\":\"evt_1\",\"type\":\"viewer.joined\",\"app_id\":\"app_a\",\"occurred_at\":\"2024-12-09T10:00:00Z\",\"data\":{\"stream_id\":\"s\"}}",
      "wrong_type|{\"id\":\"evt_1\",\"type\":\"viewer.joined\",\"app_id\":\"app_a\",\"occurred_at\":\"2024-12-09T10:00:00Z\",\"data\":{\"stream_id\":\"s\",\"viewer_id\":7}}",
      "invalid_value|{\"id\":\"nope\",\"type\":\"viewer.joined\",\"app_id\":\"app_a\",\"occurred_at\":\"2024-12-09T10:00:00Z\",\"data\":{\"stream_id\":\"s\",\"viewer_id\":\"v\"}}",
  })
  void shouldSendAnInvalidEventUnchangedWithItsReasonAndKeepRouting(String reason, String json) {
    byte[] original = json.getBytes(StandardCharsets.UTF_8);
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", new byte[] {1, 2});
    router.events.pipeInput(new TestRecord<>("stream_1", original, headers));
    router.send("stream_1", chat("evt_ok", "app_a", "stream_1", AT));

    List<TestRecord<String, byte[]>> invalid = router.drainInvalid();
    assertThat(invalid).hasSize(1);
    TestRecord<String, byte[]> out = invalid.get(0);
    assertThat(out.key()).isEqualTo("stream_1");
    assertThat(out.value()).isEqualTo(original);
    assertThat(header(out, "realcast.invalid.reason")).isEqualTo(reason);
    assertThat(header(out, "realcast.invalid.detail")).isNotBlank();
    assertThat(header(out, "trace")).isNotNull();
    assertThat(router.counter("realcast.router.events.invalid", "reason", reason)).isEqualTo(1);
    assertThat(router.drainDeliveries()).extracting(d -> d.eventId().value()).containsExactly("evt_ok");
  }

  @Test
  void shouldRejectAnEventLargerThanTheLimitAndKeepOnlyItsStart() {
    String huge = "x".repeat(70 * 1024);
    String json = raw("evt_big", "chat.message.new", "app_a", AT, "{\"stream_id\":\"stream_1\","
        + "\"message_id\":\"m\",\"user_id\":\"u\",\"user_name\":\"n\",\"message\":\"" + huge + "\",\"created_at\":\"" + AT + "\"}");
    router.send("stream_1", json);

    byte[] original = json.getBytes(StandardCharsets.UTF_8);
    assertThat(router.drainInvalid()).singleElement().satisfies(r -> {
      assertThat(header(r, "realcast.invalid.reason")).isEqualTo("too_large");
      assertThat(r.value()).hasSize(64 * 1024).isEqualTo(Arrays.copyOf(original, 64 * 1024));
      assertThat(header(r, "realcast.invalid.original.size")).isEqualTo(Integer.toString(original.length));
      assertThat(header(r, "realcast.invalid.truncated")).isEqualTo("value");
    });
    assertThat(router.drainDeliveries()).isEmpty();
  }

  @Test
  void shouldCopyARecordNearTheBrokersLimitCutToABoundedSizeAndKeepRouting() {
    byte[] nearLimit = new byte[1_048_500];
    Arrays.fill(nearLimit, (byte) '{');
    RecordHeaders headers = new RecordHeaders();
    headers.add("huge", new byte[100_000]);
    router.events.pipeInput(new TestRecord<>("k".repeat(10_000), nearLimit, headers));
    router.send("stream_1", chat("evt_ok", "app_a", "stream_1", AT));

    assertThat(router.drainInvalid()).singleElement().satisfies(r -> {
      assertThat(r.value()).hasSize(64 * 1024);
      assertThat(r.key()).hasSize(256);
      assertThat(r.headers().lastHeader("huge")).isNull();
      assertThat(header(r, "realcast.invalid.original.size")).isEqualTo("1048500");
      assertThat(header(r, "realcast.invalid.original.offset")).isEqualTo("0");
      assertThat(header(r, "realcast.invalid.truncated")).isEqualTo("key,value,headers");
    });
    assertThat(router.drainDeliveries()).extracting(d -> d.eventId().value()).containsExactly("evt_ok");
  }

  @Test
  void shouldNameTheFieldInTheDetail() {
    router.send("stream_1", raw("evt_1", "viewer.joined", "app_a", AT, "{\"stream_id\":\"s\"}"));

    assertThat(header(router.drainInvalid().get(0), "realcast.invalid.detail")).contains("data.viewer_id");
  }

  @Test
  void shouldTreatAnEmptyOrNullValueAsInvalid() {
    router.send("stream_1", new byte[0]);
    router.events.pipeInput("stream_1", (byte[]) null);

    assertThat(router.drainInvalid()).hasSize(2)
        .allSatisfy(r -> assertThat(header(r, "realcast.invalid.reason")).isEqualTo("malformed_json"));
  }

  private static String header(TestRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
