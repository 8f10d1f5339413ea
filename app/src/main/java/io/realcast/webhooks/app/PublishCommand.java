package io.realcast.webhooks.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.ConfigException;
import io.realcast.webhooks.config.ConfigSource;
import io.realcast.webhooks.producer.JsonLinesPublisher;
import io.realcast.webhooks.producer.ProducerConfig;
import io.realcast.webhooks.producer.RealcastProducer;
import io.realcast.webhooks.tracing.Tracing;
import io.realcast.webhooks.tracing.TracingSetup;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code realcast publish}: raw events as JSON lines in, the valid ones to {@code realcast.events}. */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Validate raw events given as JSON lines (one event per line, from stdin or --file) and publish the valid ones.",
        "Bad lines are reported on stderr with line number, reason and field; the exit code is 1 if any line was rejected or not published."})
final class PublishCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read events from FILE instead of stdin")
  Path file;

  private final ConfigSource source;
  private final InputStream stdin;

  PublishCommand() {
    this(ConfigSource.fromEnvironment(), System.in);
  }

  PublishCommand(ConfigSource source, InputStream stdin) {
    this.source = source;
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProducerConfig config;
    try {
      config = ProducerConfig.read(source.with(kafka.asEnvironment()));
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return ExitCodes.CONFIG;
    }
    InputStream in;
    try {
      in = file == null ? unclosable(stdin) : Files.newInputStream(file);
    } catch (IOException e) {
      err.println("realcast publish: cannot read " + file + ": " + e.getMessage());
      return ExitCodes.CONFIG;
    }
    try (in; Tracing tracing = TracingSetup.fromEnvironment("realcast-publish");
        RealcastProducer producer = new RealcastProducer(config, new SimpleMeterRegistry(), Clock.systemUTC(), tracing)) {
      JsonLinesPublisher.Report report = new JsonLinesPublisher(producer, config.maxEventBytes()).publish(in, new JsonLinesPublisher.Listener() {
        @Override
        public void rejected(JsonLinesPublisher.Rejection rejection) {
          err.println(rejection);
        }

        @Override
        public void failed(long line, Throwable error) {
          err.println("line " + line + ": not published: " + error.getMessage());
        }
      });
      out.println(report);
      return report.allPublished() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /** Standard input stays open after the command: it is the process's, not ours. */
  private static InputStream unclosable(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }
}
