package io.realcast.webhooks.router.invalid;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.topic.RecordLimits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class InvalidRecordTest {
  private static final Source SOURCE = new Source(3, 1234);

  @Test
  void shouldKeepASmallRecordWholeWithItsHeadersAndSayWhereItCameFrom() {
    Headers original = new RecordHeaders().add("trace", new byte[] {1, 2}).add(InvalidHeaders.REASON, "forged".getBytes(StandardCharsets.UTF_8));
    byte[] value = "{\"id\":".getBytes(StandardCharsets.UTF_8);

    InvalidRecord r = InvalidRecord.of("stream_1", value, original, "malformed_json", "bad", SOURCE, InvalidRecord.Form.FULL, 65_536);

    assertThat(r.key()).isEqualTo("stream_1");
    assertThat(r.value()).isEqualTo(value);
    assertThat(r.headers().lastHeader("trace").value()).containsExactly(1, 2);
    assertThat(header(r, InvalidHeaders.REASON)).isEqualTo("malformed_json");
    assertThat(r.headers().headers(InvalidHeaders.REASON)).hasSize(1);
    assertThat(header(r, InvalidHeaders.ORIGINAL_SIZE)).isEqualTo("6");
    assertThat(header(r, InvalidHeaders.ORIGINAL_PARTITION)).isEqualTo("3");
    assertThat(header(r, InvalidHeaders.ORIGINAL_OFFSET)).isEqualTo("1234");
    assertThat(header(r, InvalidHeaders.FORM)).isEqualTo("full");
    assertThat(r.headers().lastHeader(InvalidHeaders.TRUNCATED)).isNull();
    assertThat(InvalidRecord.sourceOf(r.headers())).isEqualTo(SOURCE);
  }

  @Test
  void shouldCutAnOversizedValueKeyAndHeadersAndSaySo() {
    byte[] value = new byte[1_048_500];
    Arrays.fill(value, (byte) 'x');
    Headers original = new RecordHeaders().add("big", new byte[20_000]);

    InvalidRecord r = InvalidRecord.of("k".repeat(5_000), value, original, "too_large", "d".repeat(5_000), SOURCE,
        InvalidRecord.Form.FULL, 65_536);

    assertThat(r.value()).hasSize(65_536);
    assertThat(r.key()).hasSize(InvalidRecord.MAX_KEY_CHARS);
    assertThat(r.headers().lastHeader("big")).isNull();
    assertThat(header(r, InvalidHeaders.DETAIL)).hasSize(InvalidRecord.MAX_DETAIL_CHARS);
    assertThat(header(r, InvalidHeaders.ORIGINAL_SIZE)).isEqualTo("1048500");
    assertThat(header(r, InvalidHeaders.TRUNCATED)).isEqualTo("key,value,headers");
  }

  @Test
  void shouldWriteOnlyHeadersInAStub() {
    InvalidRecord r = InvalidRecord.of("stream_1", new byte[100], new RecordHeaders().add("trace", new byte[1]), "too_large",
        "d", SOURCE, InvalidRecord.Form.STUB, 65_536);

    assertThat(r.value()).isNull();
    assertThat(r.headers().lastHeader("trace")).isNull();
    assertThat(header(r, InvalidHeaders.FORM)).isEqualTo("stub");
    assertThat(header(r, InvalidHeaders.ORIGINAL_SIZE)).isEqualTo("100");
  }

  /** The largest record the router can make still fits every producer's max.request.size, with room to spare. */
  @Test
  void shouldAlwaysFitTheProducersRequestSize() {
    Headers original = new RecordHeaders();
    for (int i = 0; i < 16; i++) {
      original.add("h" + i, new byte[InvalidRecord.MAX_COPIED_HEADER_BYTES / 16 - 8]);
    }
    byte[] value = new byte[2_000_000];

    InvalidRecord r = InvalidRecord.of("é".repeat(10_000), value, original, "too_large", "\u2603".repeat(10_000), SOURCE,
        InvalidRecord.Form.FULL, RouterConfig.MAX_EVENT_BYTES_LIMIT);

    long size = sizeUpperBound(r);
    assertThat(r.headers().toArray()).extracting(Header::key).contains("h0", "h15");
    assertThat(size).isLessThan(RecordLimits.MAX_REQUEST_BYTES * 3 / 5);
  }

  @Test
  void shouldDegradeASourceThatFailedToAStubThenGiveItUp() {
    InvalidWriteFailures failures = new InvalidWriteFailures();
    Headers ours = InvalidRecord.of("k", new byte[1], null, "r", "d", SOURCE, InvalidRecord.Form.FULL, 10).headers();

    assertThat(failures.next(SOURCE)).isEqualTo(InvalidWriteFailures.Attempt.FULL);
    assertThat(failures.failed(ours)).isEqualTo(SOURCE);
    assertThat(failures.next(SOURCE)).isEqualTo(InvalidWriteFailures.Attempt.STUB);
    failures.failed(ours);
    assertThat(failures.next(SOURCE)).isEqualTo(InvalidWriteFailures.Attempt.SKIP);
    assertThat(failures.next(new Source(3, 1235))).isEqualTo(InvalidWriteFailures.Attempt.FULL);
    assertThat(failures.failed(new RecordHeaders())).isNull();
  }

  /** Bytes of key, value and headers, plus generous record and batch overheads (varints at most 5 bytes each). */
  private static long sizeUpperBound(InvalidRecord r) {
    long size = 61 + 21 + r.key().getBytes(StandardCharsets.UTF_8).length + (r.value() == null ? 0 : r.value().length);
    for (Header h : r.headers()) {
      size += 10 + h.key().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length);
    }
    return size;
  }

  private static String header(InvalidRecord r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
