package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.systemtest.harness.BlockingHttp.Response;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Publisher;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ScenarioRun;
import io.realcast.webhooks.systemtest.harness.VerifyingReceiver;
import io.realcast.webhooks.systemtest.harness.VerifyingReceiver.Scheme;
import io.realcast.webhooks.testing.ShiftedClock;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.testkit.Ledger;
import io.realcast.webhooks.testkit.receiver.RecordedRequest;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.verifier.WebhookVerifier;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The replay-strip attack, end to end: webhooks delivered by the real pipeline (producer, router, deliverer) are captured
 * at a receiver, as an attacker on the path would capture them, then replayed to receivers that verify with
 * {@link WebhookVerifier}: at once, then an hour later (the verifiers' clock jumps) as captured and with their
 * {@code webhook-*} headers stripped, only {@code X-RealCast-Signature} kept. Only the fresh ones may pass the
 * Standard Webhooks check; the named opt-in without replay protection shows the stripped copy is still validly signed.
 */
@ExtendWith(ForkedBrokerExtension.class)
class VerifierReplayIT {
  /** Set by the HTTP client itself when it sends the copy; everything else is replayed as captured. */
  private static final Set<String> TRANSPORT_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding");

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldAcceptFreshRequestsAndRefuseThemReplayedAnHourLaterWithOrWithoutTheirWebhookHeaders(ForkedKafkaBroker broker) {
    ShiftedClock clock = new ShiftedClock();
    try (ScenarioRun run = new ScenarioRun(ScenarioInfo.VERIFIER_REPLAY, "vr", broker.bootstrapServers(),
        RetrySchedule.parse("1s,2s,4s"))) {
      List<AppId> apps = run.seedStandardSubscriptions(1);
      run.startPipeline();
      Publisher.await(run.publish(run.load(apps, 2, 2), Duration.ofSeconds(2)), Duration.ofSeconds(60));
      run.awaitAllDelivered(Duration.ofSeconds(60));
      List<RecordedRequest> captured = run.receiver().requests();
      Map<String, String> secrets = new HashMap<>();
      run.ledger().endpoints().forEach(e -> secrets.put(Ledger.path(e.webhook()), e.secret().value()));

      try (VerifyingReceiver standard = VerifyingReceiver.start(run.sut().vertx(), Scheme.STANDARD_WEBHOOKS, clock, secrets);
          VerifyingReceiver optIn = VerifyingReceiver.start(run.sut().vertx(), Scheme.REALCAST_SIGNATURE_WITHOUT_REPLAY_PROTECTION,
              clock, secrets)) {
        Map<String, Integer> fresh = replay(run, standard, captured, false);
        clock.jump(Duration.ofHours(1));
        Map<String, Integer> anHourLater = replay(run, standard, captured, false);
        Map<String, Integer> strippedAnHourLater = replay(run, standard, captured, true);
        Map<String, Integer> strippedToTheOptIn = replay(run, optIn, captured, true);

        run.figures().put("requests captured at the receiver", captured.size())
            .put("tolerance", WebhookVerifier.DEFAULT_TOLERANCE)
            .put("replayed at once to verifyStandardWebhooks", fresh)
            .put("replayed an hour later as captured", anHourLater)
            .put("replayed an hour later, webhook-* headers stripped", strippedAnHourLater)
            .put("the stripped copies at verifyRealcastSignatureWithoutReplayProtection", strippedToTheOptIn);
        run.verify();
        assertThat(captured).as("requests delivered by the pipeline").hasSizeGreaterThanOrEqualTo(40);
        assertThat(fresh).as("replayed at once").containsOnly(Map.entry("204", captured.size()));
        assertThat(anHourLater).as("an hour later").containsOnly(
            Map.entry("401 " + WebhookVerifier.WEBHOOK_TIMESTAMP + " is outside the tolerance of " + WebhookVerifier.DEFAULT_TOLERANCE,
                captured.size()));
        assertThat(strippedAnHourLater).as("an hour later, stripped").hasSize(1)
            .allSatisfy((answer, count) -> {
              assertThat(answer).startsWith("401 missing " + WebhookVerifier.WEBHOOK_ID);
              assertThat(count).isEqualTo(captured.size());
            });
        assertThat(strippedToTheOptIn).as("the stripped copies are still validly signed")
            .containsOnly(Map.entry("204", captured.size()));
      }
    }
  }

  /**
   * Sends each captured request again, as captured or without its {@code webhook-*} headers; counts the answers by
   * status and the verifier's reason.
   */
  private static Map<String, Integer> replay(ScenarioRun run, VerifyingReceiver to, List<RecordedRequest> captured,
      boolean stripped) {
    Map<String, Integer> answers = new TreeMap<>();
    for (RecordedRequest request : captured) {
      Map<String, String> headers = new HashMap<>(request.headers());
      headers.keySet().removeIf(name -> TRANSPORT_HEADERS.contains(name) || stripped && name.startsWith("webhook-"));
      Response answer = run.sut().http().send(HttpMethod.POST, to.port(), request.path(), headers, request.body());
      answers.merge((answer.status() + " " + answer.body()).strip(), 1, Integer::sum);
    }
    return answers;
  }
}
