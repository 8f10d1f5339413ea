package io.realcast.webhooks.app;

import io.realcast.webhooks.app.dlq.DeadLetterFilter;
import io.realcast.webhooks.app.dlq.DeadLetters;
import io.realcast.webhooks.app.dlq.Progress;
import io.realcast.webhooks.app.dlq.Requeuer;
import io.realcast.webhooks.config.ConfigException;
import io.realcast.webhooks.config.ConfigReader;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.kafka.CompactedTopicView;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code realcast dlq}: the dead letters of any cluster, read straight from Kafka (no api needed): list, show one,
 * send one again, or replay a webhook's window. Progress goes to stderr; bad input exits 2 with a message.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
    description = "List, show, redeliver and replay dead letters (realcast.deliveries.dead), straight from Kafka.",
    subcommands = {DlqCommand.ListDead.class, DlqCommand.Show.class, DlqCommand.Redeliver.class, DlqCommand.Replay.class})
final class DlqCommand implements Runnable {
  @Spec
  CommandSpec spec;

  private final ConfigSource source;

  DlqCommand() {
    this(ConfigSource.fromEnvironment());
  }

  DlqCommand(ConfigSource source) {
    this.source = source;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Bad input: the command did nothing. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message, null, false, false);
    }
  }

  /** What every subcommand shares: Kafka options, output, and running with a clear exit code. */
  abstract static class Base implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @CommandLine.ParentCommand
    DlqCommand parent;

    @Mixin
    KafkaOptions kafka;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    @Override
    public Integer call() {
      KafkaSettings settings;
      try {
        ConfigReader reader = new ConfigReader(parent.source.with(kafka.asEnvironment()));
        settings = KafkaSettings.read(reader);
        reader.validate();
      } catch (ConfigException e) {
        err().println("realcast dlq: " + e.getMessage());
        return ExitCodes.CONFIG;
      }
      try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings.consumerProperties("realcast-dlq", null))) {
        return run(settings, new DeadLetters(settings.topics(), consumer));
      } catch (BadInput e) {
        err().println("realcast dlq " + spec.name() + ": " + e.getMessage());
        return ExitCodes.CONFIG;
      } catch (RuntimeException e) {
        err().println("realcast dlq " + spec.name() + ": " + e.getMessage());
        return ExitCodes.FAILED;
      }
    }

    abstract int run(KafkaSettings settings, DeadLetters deadLetters);

    Progress progress(String what) {
      return new Progress(err(), what, Clock.systemUTC());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List dead letters, most recently dead first.")
  static final class ListDead extends Base {
    @Option(names = "--webhook", paramLabel = "ID", description = "Only this webhook's (reads one partition)")
    String webhook;

    @Option(names = "--app", paramLabel = "ID", description = "Only this app's")
    String app;

    @Option(names = "--since", paramLabel = "TIME", description = "Deliveries created at or after, e.g. 2024-12-09T10:00:00Z")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Most lines to print (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    int run(KafkaSettings settings, DeadLetters deadLetters) {
      if (limit < 1) {
        throw new BadInput("--limit must be at least 1");
      }
      DeadLetterFilter filter = new DeadLetterFilter(id(webhook, "--webhook", WebhookId::of), id(app, "--app", AppId::of),
          Optional.empty(), time(since, "--since"), Optional.empty());
      DeadLetters.Found found = deadLetters.scan(filter, progress("scanned"));
      out().println(String.format(Locale.ROOT, "%-24s  %-36s  %-30s  %-19s  %-17s  %s", "DEAD AT", "DELIVERY", "WEBHOOK", "EVENT",
          "REASON", "ATTEMPTS"));
      found.deadLetters().stream().limit(limit).forEach(d -> out().println(String.format(Locale.ROOT,
          "%-24s  %-36s  %-30s  %-19s  %-17s  %d", d.deadAt(), d.delivery().id(), d.delivery().webhookId(), d.delivery().event(),
          d.reason().code(), d.delivery().attempts().size())));
      out().println(found.deadLetters().size() + " dead letters" + (found.deadLetters().size() > limit ? " (" + limit + " shown)" : "")
          + (found.unreadable() > 0 ? ", " + found.unreadable() + " unreadable records skipped" : ""));
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one dead letter: its delivery, body and every attempt.")
  static final class Show extends Base {
    @Parameters(paramLabel = "DELIVERY_ID", description = "The delivery id (dlv_…)")
    String delivery;

    @Override
    int run(KafkaSettings settings, DeadLetters deadLetters) {
      DeadLetter dead = one(deadLetters, delivery, progress("scanned"));
      out().println(Json.readTree(DeliveryCodec.encode(dead)).toPrettyString());
      return ExitCodes.OK;
    }
  }

  @Command(name = "redeliver", mixinStandardHelpOptions = true,
      description = "Send one dead letter again with its original id and body, attempts from 1.")
  static final class Redeliver extends Base {
    @Parameters(paramLabel = "DELIVERY_ID", description = "The delivery id (dlv_…)")
    String delivery;

    @Override
    int run(KafkaSettings settings, DeadLetters deadLetters) {
      DeadLetter dead = one(deadLetters, delivery, progress("scanned"));
      requireWebhooks(settings, Set.of(dead.delivery().webhookId()));
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.producerProperties("realcast-dlq"))) {
        new Requeuer(settings.topics(), producer).requeue(List.of(dead), Optional.empty(), progress("queued"));
      }
      out().println("queued " + dead.delivery().id() + " to " + dead.delivery().webhookId());
      return ExitCodes.OK;
    }
  }

  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = {"Send again every dead letter of a webhook whose delivery was created in a window,",
          "skipping those sent again or delivered since. Running it twice queues nothing twice."})
  static final class Replay extends Base {
    @Option(names = "--webhook", paramLabel = "ID", required = true, description = "The webhook (wh_…)")
    String webhook;

    @Option(names = "--since", paramLabel = "TIME", required = true, description = "Deliveries created at or after, e.g. 2024-12-09T10:00:00Z")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Deliveries created before")
    String until;

    @Option(names = "--dry-run", description = "Count only; queue nothing")
    boolean dryRun;

    @Override
    int run(KafkaSettings settings, DeadLetters deadLetters) {
      WebhookId id = id(webhook, "--webhook", WebhookId::of).orElseThrow();
      Optional<Instant> from = time(since, "--since");
      Optional<Instant> to = time(until, "--until");
      if (to.isPresent() && !from.get().isBefore(to.get())) {
        throw new BadInput("--until must be later than --since");
      }
      DeadLetterFilter filter = new DeadLetterFilter(Optional.of(id), Optional.empty(), Optional.empty(), from, to);
      List<DeadLetter> found = deadLetters.scan(filter, progress("scanned dead letters")).deadLetters();
      List<DeadLetter> waiting = found;
      if (!found.isEmpty()) {
        Instant earliest = found.stream().map(DeadLetter::deadAt).min(Instant::compareTo).orElseThrow();
        Map<DeliveryId, Instant> activity = deadLetters.activitySince(found.stream().map(d -> d.delivery().id())
            .collect(Collectors.toSet()), filter, earliest, progress("checked later activity"));
        waiting = found.stream().filter(d -> !activity.getOrDefault(d.delivery().id(), Instant.MIN).isAfter(d.deadAt())).toList();
      }
      String summary = found.size() + " dead letters in the window, " + (found.size() - waiting.size())
          + " already sent again or delivered since";
      if (dryRun) {
        out().println(summary + "; would queue " + waiting.size() + " (dry run)");
        return ExitCodes.OK;
      }
      if (!waiting.isEmpty()) {
        requireWebhooks(settings, Set.of(id));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.producerProperties("realcast-dlq"))) {
          new Requeuer(settings.topics(), producer).requeue(waiting, Optional.of(replayId(id, from.get(), to)), progress("queued"));
        }
      }
      out().println(summary + "; queued " + waiting.size());
      return ExitCodes.OK;
    }

    /** One id per webhook and window, marking what this command queued (the api's history shows it). */
    private static String replayId(WebhookId webhook, Instant since, Optional<Instant> until) {
      String canonical = "dlq|" + webhook.value() + "|" + since.toEpochMilli() + "|" + until.map(u -> Long.toString(u.toEpochMilli()))
          .orElse("");
      try {
        return "rpl_" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)),
            0, 16);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required by the Java platform", e);
      }
    }
  }

  /** The latest dead letter of one delivery, or a clear "not found" (exit 1). */
  static DeadLetter one(DeadLetters deadLetters, String delivery, Progress progress) {
    DeliveryId id = id(delivery, "DELIVERY_ID", DeliveryId::of).orElseThrow();
    return deadLetters.scan(DeadLetterFilter.delivery(id), progress).deadLetters().stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("no dead letter for " + id + " in " + "the retained dead letters"));
  }

  /** Refuses to send to a webhook that no longer exists or is disabled: the deliverer would only dead-letter it again. */
  static void requireWebhooks(KafkaSettings settings, Set<WebhookId> webhooks) {
    try (CompactedTopicView<Subscription> view = new CompactedTopicView<>(settings.topics().webhooks(),
        new KafkaConsumer<>(settings.consumerProperties("realcast-dlq-webhooks", null)), SubscriptionCodec::decode)) {
      view.start(Duration.ofSeconds(60));
      for (WebhookId w : webhooks) {
        Subscription s = view.get(w.value()).orElseThrow(() -> new IllegalStateException("webhook " + w
            + " no longer exists; its dead letters cannot be sent anywhere"));
        if (!s.enabled()) {
          throw new IllegalStateException("webhook " + w + " is disabled" + (s.disabledReason() == null ? "" : " (" + s.disabledReason()
              + ")") + "; enable it first");
        }
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("could not read " + settings.topics().webhooks() + ": " + e.getMessage(), e);
    }
  }

  static <T> Optional<T> id(String text, String option, Function<String, T> parse) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(text.trim()));
    } catch (IllegalArgumentException e) {
      throw new BadInput(option + ": " + e.getMessage());
    }
  }

  static Optional<Instant> time(String text, String option) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text.trim()));
    } catch (DateTimeParseException e) {
      throw new BadInput(option + " must be an ISO-8601 UTC time such as 2024-12-09T10:00:00Z, not " + text);
    }
  }
}
