package io.realcast.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {

  @Test
  void shouldFormatExactlyAsInstantToStringAndParseItBack() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 1 to 9999
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);

      String text = InstantText.format(instant);

      assertThat(text).isEqualTo(instant.toString());
      assertThat(InstantText.parse(text)).isEqualTo(instant);
    }
  }

  @Test
  void shouldHandleLeapDaysAndTheEdgesOfTheEpoch() {
    for (String s : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2024-02-29T12:00:00Z",
        "2000-02-29T23:59:59.5Z", "2100-03-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"}) {
      Instant expected = Instant.parse(s);
      assertThat(InstantText.parse(s)).as(s).isEqualTo(expected);
      assertThat(InstantText.format(expected)).as(s).isEqualTo(expected.toString());
    }
  }

  @Test
  void shouldLeaveOtherFormsAndNonsenseToTheJdk() {
    assertThat(InstantText.parse("+10000-01-01T00:00:00Z")).isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
    assertThat(InstantText.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
    // Forms the JDK accepts and the fast path does not: same answer.
    for (String odd : new String[] {"2024-01-01T24:00:00Z", "2024-01-01T00:00:00.Z"}) {
      assertThat(InstantText.parse(odd)).as(odd).isEqualTo(Instant.parse(odd));
    }
    for (String bad : new String[] {"2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
        "2024-01-01T0a:00:00Z", "2024-01-01T00:0a:00Z", "2024-01-01T00:00:0aZ", "yesterday"}) {
      assertThatThrownBy(() -> InstantText.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
    }
  }

  @Test
  void shouldReadEveryFractionLengthOnTheFastPath() {
    String digits = "123456789";
    for (int length = 1; length <= 9; length++) {
      String text = "2024-12-09T10:00:00." + digits.substring(0, length) + "Z";

      Instant fast = InstantText.parseUtc(text);

      assertThat(fast).as(text).isNotNull().isEqualTo(Instant.parse(text));
      assertThat(fast.getNano()).as(text).isEqualTo(Integer.parseInt(digits.substring(0, length) + "000000000".substring(length)));
    }
    assertThat(InstantText.parseUtc("2024-12-09T10:00:00.000000001Z")).isEqualTo(Instant.parse("2024-12-09T10:00:00.000000001Z"));
    // Ten digits are more than an Instant holds: not the fast path's to judge.
    assertThat(InstantText.parseUtc("2024-12-09T10:00:00.1234567890Z")).isNull();
  }

  @Test
  void shouldLeaveOffsetsOtherThanZToTheJdk() {
    for (String offset : new String[] {"2024-12-09T12:00:00+02:00", "2024-12-09T04:30:00.5-05:30", "2024-12-09T10:00:00+00:00"}) {
      assertThat(InstantText.parseUtc(offset)).as(offset).isNull();
      assertThat(InstantText.parse(offset)).as(offset).isEqualTo(Instant.parse(offset));
    }
    assertThat(InstantText.parse("2024-12-09T12:00:00+02:00")).isEqualTo(Instant.parse("2024-12-09T10:00:00Z"));
  }

  @Test
  void shouldNameTheTextItCannotRead() {
    for (String bad : new String[] {"2024-02-30T00:00:00Z", "2024-01-01T00:00:00.Z1", "2024-01-01 00:00:00Z", "yesterday", ""}) {
      assertThat(InstantText.parseUtc(bad)).as(bad).isNull();
      assertThatThrownBy(() -> InstantText.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }
}
