package io.realcast.webhooks.app;

import io.realcast.webhooks.config.ConfigSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code realcast} in-process with an injected environment and stdin, capturing stdout and stderr. */
final class ToolCli {
  record Run(int exitCode, String out, String err) {}

  private ToolCli() {}

  static Run run(ConfigSource environment, String... args) {
    return run(environment, new ByteArrayInputStream(new byte[0]), args);
  }

  static Run run(ConfigSource environment, InputStream stdin, String... args) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == PublishCommand.class) {
          return type.cast(new PublishCommand(environment, stdin));
        }
        if (type == TopicsCommand.class) {
          return type.cast(new TopicsCommand(environment));
        }
        if (type == SimulateCommand.class) {
          return type.cast(new SimulateCommand(environment));
        }
        if (type == DlqCommand.class) {
          return type.cast(new DlqCommand(environment));
        }
        return CommandLine.defaultFactory().create(type);
      }
    };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RealcastCli(), factory);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
