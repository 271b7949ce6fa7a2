package dev.greenlight;

import picocli.CommandLine;

/** Entry point of the jar: with no command it serves until stopped; other commands run and exit. */
public final class Greenlight {

  private Greenlight() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new GreenlightCommand()).execute(args));
  }
}
