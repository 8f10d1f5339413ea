package io.realcast.webhooks.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.event.InvalidReason;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import io.realcast.webhooks.testing.BadRawEvents.BadRawEvent;
import io.realcast.webhooks.testing.BadRawEvents;
import io.realcast.webhooks.testing.MutableClock;
import io.realcast.webhooks.testing.TestEvents;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class JsonLinesPublisherTest {
  private final MockProducer<String, byte[]> kafka = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final ProducerConfig config = ProducerConfig.forBootstrap("127.0.0.1:1", new Topics("t.", RetrySchedule.DEFAULT));
  private final RealcastProducer producer =
      new RealcastProducer(kafka, config, new SimpleMeterRegistry(), MutableClock.at("2024-12-09T10:00:00Z"));
  private final List<JsonLinesPublisher.Rejection> rejections = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> failures = Collections.synchronizedList(new ArrayList<>());
  private final JsonLinesPublisher.Listener listener = new JsonLinesPublisher.Listener() {
    @Override
    public void rejected(JsonLinesPublisher.Rejection rejection) {
      rejections.add(rejection);
    }

    @Override
    public void failed(long line, Throwable error) {
      failures.add(line);
    }
  };

  @Test
  void shouldPublishValidLinesAndReportBadOnesByLineNumber() throws Exception {
    RawEvent a = TestEvents.event().streamLive();
    RawEvent b = TestEvents.event().viewerJoined("viewer_1");
    RawEvent c = TestEvents.event().chat("Zoë", "windows line end");
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(a.toJson());
    in.writeBytes("\n\n   \n{\"id\":\"evt_1\"}\n".getBytes(StandardCharsets.UTF_8));
    in.writeBytes(b.toJson());
    in.writeBytes("\nnot json\n".getBytes(StandardCharsets.UTF_8));
    in.writeBytes(c.toJson());
    in.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));

    JsonLinesPublisher.Report report = new JsonLinesPublisher(producer, 65_536).publish(new ByteArrayInputStream(in.toByteArray()), listener);

    assertThat(report).isEqualTo(new JsonLinesPublisher.Report(3, 2, 0));
    assertThat(report.allPublished()).isFalse();
    assertThat(report).hasToString("published 3, rejected 2");
    assertThat(kafka.history()).extracting(r -> new RawEventParser().parse(r.value())).containsExactly(a, b, c);
    assertThat(rejections).extracting(JsonLinesPublisher.Rejection::line).containsExactly(4L, 6L);
    assertThat(rejections.get(0)).hasToString("line 4: missing_field type: is required");
    assertThat(rejections.get(1).reason()).isEqualTo(InvalidReason.MALFORMED_JSON);
    assertThat(rejections.get(1).field()).isNull();
  }

  @Test
  void shouldRejectEveryBadEventOfTheCorpusWithItsReasonAndField() throws Exception {
    List<BadRawEvent> corpus = BadRawEvents.all().stream()
        .filter(bad -> bad.text().indexOf('\n') < 0 && bad.text().indexOf('\r') < 0 && !bad.text().isBlank()).toList();
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (BadRawEvent bad : corpus) {
      in.writeBytes(bad.bytes());
      in.write('\n');
    }

    JsonLinesPublisher.Report report = new JsonLinesPublisher(producer, 65_536).publish(new ByteArrayInputStream(in.toByteArray()), listener);

    assertThat(report.published()).isZero();
    assertThat(report.rejected()).isEqualTo(corpus.size());
    for (int i = 0; i < corpus.size(); i++) {
      assertThat(rejections.get(i).line()).isEqualTo(i + 1);
      assertThat(rejections.get(i).reason()).as(corpus.get(i).name()).isEqualTo(corpus.get(i).reason());
      assertThat(rejections.get(i).field()).as(corpus.get(i).name()).isEqualTo(corpus.get(i).field());
    }
    assertThat(kafka.history()).isEmpty();
  }

  @Test
  void shouldRejectAHugeLineAsTooLargeWithoutMisreadingTheNextLine() throws Exception {
    RawEvent ok = TestEvents.event().viewerLeft("viewer_1");
    byte[] huge = ("{\"x\":\"" + "y".repeat(300_000) + "\"}\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(huge);
    in.writeBytes(ok.toJson());

    JsonLinesPublisher.Report report = new JsonLinesPublisher(producer, 65_536).publish(new ByteArrayInputStream(in.toByteArray()), listener);

    assertThat(report).isEqualTo(new JsonLinesPublisher.Report(1, 1, 0));
    assertThat(rejections).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(1);
      assertThat(r.reason()).isEqualTo(InvalidReason.TOO_LARGE);
    });
  }

  @Test
  void shouldCountPublishesKafkaFailsWithTheirLines() throws Exception {
    MockProducer<String, byte[]> failing = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    failing.sendException = new KafkaException("broker unreachable");
    RealcastProducer closed = new RealcastProducer(failing, config, new SimpleMeterRegistry(), MutableClock.at("2024-12-09T10:00:00Z"));
    byte[] in = (new String(TestEvents.event().streamOffline().toJson(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);

    JsonLinesPublisher.Report report = new JsonLinesPublisher(closed, 65_536).publish(new ByteArrayInputStream(in), listener);

    assertThat(report).isEqualTo(new JsonLinesPublisher.Report(0, 0, 1));
    assertThat(failures).containsExactly(1L);
  }
}
