package io.realcast.webhooks.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Timestamps read and write exactly what the JDK's OffsetDateTime and ISO_INSTANT do, only faster in the usual form. */
class TimestampsTest {

  @Test
  void shouldParseAndFormatRandomInstantsAsTheJdkDoes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000));
      String text = instant.truncatedTo(i % 2 == 0 ? ChronoUnit.MILLIS : ChronoUnit.NANOS).toString();

      assertThat(Timestamps.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
      assertThat(Timestamps.format(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS)));
      assertThat(Timestamps.formatMillis(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS)));
    }
  }

  @Test
  void shouldReadOtherFormsAsOffsetDateTimeDoes() {
    for (String text : new String[] {"2024-12-09T10:00:00+02:00", "2024-12-09T10:00:00-00:30", "2024-12-09t10:00:00z",
        "2024-12-09T10:00Z", "2024-12-09T10:00:00.Z", "0000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
        "2024-02-29T23:59:59.123456789Z", "2024-12-09T10:00:00.1234567890Z"}) {
      assertThat(parseOrError(text)).as(text).isEqualTo(jdkOrError(text));
    }
  }

  @Test
  void shouldRefuseWhatOffsetDateTimeRefuses() {
    for (String bad : new String[] {"2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
        "2024-01-01T24:00:00Z", "2024-01-01T23:59:60Z", "2024-01-01T0a:00:00Z", "2024-01-01T00:00:00", "2024-01-01 00:00:00Z",
        "２０２４-01-01T00:00:00Z", "2024-01-01T00:00:00.-1Z", "yesterday", ""}) {
      assertThatThrownBy(() -> OffsetDateTime.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
      assertThatThrownBy(() -> Timestamps.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void shouldKeepNullAsNullWhenFormatting() {
    assertThat(Timestamps.format(null)).isNull();
  }

  private static Object parseOrError(String text) {
    try {
      return Timestamps.parse(text);
    } catch (DateTimeParseException e) {
      return "refused";
    }
  }

  private static Object jdkOrError(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return "refused";
    }
  }
}
