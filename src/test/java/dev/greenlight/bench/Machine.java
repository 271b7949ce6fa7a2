package dev.greenlight.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What the benchmark ran on, for the report: CPU, cores, memory, JDK, OS and the load when it began. */
record Machine(String cpu, int cores, long memoryMiB, String jdk, String os, double loadAtStart) {

  static Machine current() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new Machine(
        cpuModel().orElse(System.getProperty("os.arch")),
        Runtime.getRuntime().availableProcessors(),
        os.getTotalMemorySize() / (1024 * 1024),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        os.getSystemLoadAverage());
  }

  String describe() {
    return String.format(Locale.ROOT, "%s, %d cores, %,d MiB RAM; %s; %s; load average %.2f at the start",
        cpu, cores, memoryMiB, jdk, os, loadAtStart);
  }

  private static Optional<String> cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
