package io.realcast.webhooks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small pure pieces every figure depends on. */
class MeasuringTest {

  @Test
  void shouldReportPercentilesWithinTwoPercent() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 1; v <= 100_000; v++) {
      h.record(v);
    }
    assertThat((double) h.quantile(0.5)).isCloseTo(50_000, within(1_000.0));
    assertThat((double) h.quantile(0.99)).isCloseTo(99_000, within(2_000.0));
    assertThat(h.quantile(0.001)).isEqualTo(100);
    assertThat(h.count()).isEqualTo(100_000);
    assertThat((double) h.max()).isCloseTo(100_000, within(2_000.0));
  }

  @Test
  void shouldPlaceEveryValueInABucketWhoseUpperEdgeIsNotBelowIt() {
    for (long v : new long[] {0, 1, 127, 128, 129, 1_000, 65_535, 1_000_000, 123_456_789, Long.MAX_VALUE / 2}) {
      int index = LatencyHistogram.index(v);
      assertThat(LatencyHistogram.upperEdge(index)).isGreaterThanOrEqualTo(v);
      assertThat(index == 0 || LatencyHistogram.upperEdge(index - 1) < v).isTrue();
    }
  }

  @Test
  void shouldReadTheSequenceNumberOutOfAWebhookBody() {
    Buffer body = Buffer.buffer("{\"event\":\"chat.message.new\",\"timestamp\":\"2024-12-09T10:05:00Z\",\"data\":"
        + "{\"stream_id\":\"stream_b1_0\",\"message_id\":\"msg_b12345\",\"user_id\":\"user_bench\"}}");
    assertThat(SequenceParser.sequenceOf(body)).isEqualTo(12_345);
    assertThat(SequenceParser.sequenceOf(Buffer.buffer("{\"message_id\":\"msg_c7\"}"))).isEqualTo(-1);
    assertThat(SequenceParser.subscriptionOf("/hook/12/7")).isEqualTo(7);
  }

  @Test
  void shouldTellWhichDeliveriesOfAnEventAreNotAccountedFor() {
    DeliveryLedger ledger = new DeliveryLedger(4);
    ledger.delivered(2, 0);
    ledger.deadLettered(2, 3);

    assertThat(ledger.unaccounted(2, 10)).isEqualTo(0b11_1111_0110);
    assertThat(ledger.unaccounted(3, 10)).isEqualTo(0b11_1111_1111);
    assertThat(ledger.unaccounted(2, 1)).as("only its own fan-out counts").isZero();
  }

  @Test
  void shouldTakeTheRateBetweenTenAndNinetyPercentOfArrivals() {
    List<long[]> samples = new ArrayList<>();
    for (int ms = 0; ms <= 2_000; ms += 100) {
      samples.add(new long[] {ms * 1_000_000L, Math.min(1_000, Math.max(0, (ms - 500) * 2L))}); // 2,000/s from 0.5 s
    }
    assertThat(BenchRunner.rateBetween(samples, 1_000, 0.1, 0.9)).isCloseTo(2_000, within(1.0));
  }

  @Test
  void shouldGiveEveryNoisyAppExactlyOneBadEndpoint() {
    BenchLayout layout = new BenchLayout(100, 10, 100);
    for (int app = 0; app < 100; app++) {
      int bad = 0;
      for (int sub = 0; sub < 10; sub++) {
        bad += BenchLayout.noisyBehaviour(layout.portIndex(app, sub)) == EndpointBehaviour.HEALTHY ? 0 : 1;
      }
      assertThat(bad).as("bad endpoints of app %d", app).isEqualTo(1);
    }
  }
}
