package io.realcast.webhooks.tools;

import io.realcast.webhooks.app.RealcastCli;
import io.realcast.webhooks.app.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The tools jar's {@code realcast}: the demo and the benchmark, which need an embedded broker and the bench
 * suite that the production jar leaves out. {@code ./realcast demo|bench} runs this one.
 */
@Command(
    name = "realcast",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "RealCast Webhooks tools: the all-in-one demo and the benchmarks.",
    subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, BenchCommand.class})
public final class RealcastToolsCli implements Runnable {
  public static void main(String[] args) {
    System.exit(RealcastCli.execute(new RealcastToolsCli(), args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
