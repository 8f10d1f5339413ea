package io.realcast.webhooks.app;

import io.realcast.webhooks.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code --version} of every realcast command. */
public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"realcast " + BuildInfo.version()};
  }
}
