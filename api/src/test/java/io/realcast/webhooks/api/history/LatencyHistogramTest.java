package io.realcast.webhooks.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyHistogramTest {
  @ParameterizedTest(name = "{0} ms -> bucket from {1} ms")
  @CsvSource({"-5,0", "0,0", "99,99", "100,100", "109,100", "995,990", "1000,1000", "1099,1000", "9999,9900", "10000,10000",
      "99999,99000", "100000,100000", "86400000,100000"})
  void shouldPutALatencyInABucketWithinTenPercent(long millis, long lowerBound) {
    assertThat(LatencyHistogram.lowerBound(LatencyHistogram.bucket(millis))).isEqualTo(lowerBound);
  }

  @Test
  void shouldGiveNearestRankPercentilesExactBelowOneHundredMilliseconds() {
    LatencyHistogram h = LatencyHistogram.EMPTY;
    for (long v = 1; v <= 100; v++) {
      h = h.with(v % 10 == 0 ? 10 : 30);
    }
    assertThat(h.total()).isEqualTo(100);
    assertThat(h.percentile(50)).isEqualTo(30);
    assertThat(h.percentile(5)).isEqualTo(10);
    assertThat(LatencyHistogram.EMPTY.percentile(50)).isEqualTo(-1);
    assertThat(h.plus(h).total()).isEqualTo(200);
  }
}
