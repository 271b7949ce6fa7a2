package dev.greenlight;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest. */
class GreenlightVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Greenlight.class.getPackage().getImplementationVersion();
    return new String[] {"greenlight " + (version == null ? "(development build)" : version)};
  }
}
