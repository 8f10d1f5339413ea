package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.delivery.DeadReason;
import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.deliverer.testing.DeliveryFixture;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.net.TargetPolicy;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.RetrySchedule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With private targets refused (production), a webhook whose host resolves to a non-public address is
 * refused at connect time, including when DNS changed after the webhook was registered. DNS is the one
 * thing faked here: a real resolver cannot be made to change its answers.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EgressPolicyIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Map<String, List<InetAddress>> dns = new ConcurrentHashMap<>();
  private ScriptedReceiver receiver;
  private DeliveryFixture fixture;

  @BeforeAll
  void start(@BootstrapServers String bootstrap) throws Exception {
    receiver = ScriptedReceiver.start();
    fixture = new DeliveryFixture(bootstrap, TestTopics.unique("egress"), RetrySchedule.parse("100ms,200ms,300ms"), 1);
    HostResolver fake = host -> {
      List<InetAddress> found = dns.get(host);
      return found == null ? CompletableFuture.failedFuture(new UnknownHostException(host)) : CompletableFuture.completedFuture(found);
    };
    fixture.startDeliverer(c -> c.withAllowPrivateTargets(false), fake);
  }

  @AfterAll
  void stop() {
    fixture.close();
    receiver.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "::ffff:127.0.0.1"})
  void shouldRefuseAHostThatResolvesToANonPublicAddress(String address) throws Exception {
    String host = "hook-" + address.replace(':', '-').replace('.', '-') + ".example.com";
    dns.put(host, List.of(InetAddress.getByName(address)));
    Subscription hook = fixture.subscribe("http://" + host + ":" + receiver.port() + "/hook");
    Delivery delivery = fixture.deliver(hook, WebhookEventType.STREAM_LIVE);

    DeadLetter dead = awaitDead(delivery);
    assertThat(dead.reason()).isEqualTo(DeadReason.TARGET_REFUSED);
    assertThat(dead.delivery().attempts()).singleElement().satisfies(a -> {
      assertThat(a.result()).isEqualTo(AttemptResult.PERMANENT);
      // Says what kind of address, never which: the owner of the webhook reads this.
      assertThat(a.error()).startsWith("the host resolves to a ").endsWith(" address")
          .doesNotContain(InetAddress.getByName(address).getHostAddress());
    });
    assertThat(dead.detail()).doesNotContain(InetAddress.getByName(address).getHostAddress());
    assertThat(receiver.count()).isZero();
  }

  @Test
  void shouldRefuseATargetWhoseDnsChangedAfterRegistration() throws Exception {
    String host = "rebinding.example.com";
    dns.put(host, List.of(InetAddress.getByName("93.184.216.34")));
    assertThat(new TargetPolicy(false).refusal(dns.get(host))).as("accepted at registration").isEmpty();
    Subscription hook = fixture.subscribe("http://" + host + ":" + receiver.port() + "/hook");

    dns.put(host, List.of(InetAddress.getByName("127.0.0.1")));
    Delivery delivery = fixture.deliver(hook, WebhookEventType.VIEWER_JOINED);

    assertThat(awaitDead(delivery).reason()).isEqualTo(DeadReason.TARGET_REFUSED);
    assertThat(receiver.count()).isZero();
  }

  @Test
  void shouldRefuseAHostWithAnyNonPublicAddressAmongItsAnswers() throws Exception {
    String host = "mixed.example.com";
    dns.put(host, List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("192.168.1.10")));
    Subscription hook = fixture.subscribe("http://" + host + ":" + receiver.port() + "/hook");
    Delivery delivery = fixture.deliver(hook, WebhookEventType.STREAM_OFFLINE);

    DeadLetter dead = awaitDead(delivery);
    assertThat(dead.reason()).isEqualTo(DeadReason.TARGET_REFUSED);
    assertThat(dead.delivery().attempts().get(0).error()).isEqualTo("the host resolves to a private address")
        .doesNotContain("192.168.1.10");
  }

  @Test
  void shouldRetryWhenTheHostDoesNotResolve() throws Exception {
    Subscription hook = fixture.subscribe("http://nowhere.example.com:" + receiver.port() + "/hook");
    Delivery delivery = fixture.deliver(hook, WebhookEventType.STREAM_OFFLINE);

    DeadLetter dead = awaitDead(delivery);
    assertThat(dead.reason()).isEqualTo(DeadReason.RETRIES_EXHAUSTED);
    assertThat(dead.delivery().attempts()).hasSize(4).allSatisfy(a -> assertThat(a.error()).isEqualTo("dns_failure"));
  }

  private DeadLetter awaitDead(Delivery delivery) throws Exception {
    return fixture.dead().await(d -> d.delivery().id().equals(delivery.id()), 1, WAIT).get(0);
  }
}
