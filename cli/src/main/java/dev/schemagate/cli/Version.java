package dev.schemagate.cli;

import picocli.CommandLine.IVersionProvider;

public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"schemagate " + (v == null ? "dev" : v)};
  }
}
