package dev.greenlight.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time used so far by this JVM and by each of its platform threads (virtual threads count on their carriers),
 * so the CPU of a steady period is the difference of two snapshots.
 */
record CpuSnapshot(long wallNanos, long processCpuNanos, Map<Long, ThreadCpu> threads) {

  record ThreadCpu(String name, long cpuNanos) {}

  static CpuSnapshot take() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    Map<Long, ThreadCpu> threads = new HashMap<>();
    for (var info : threadBean.getThreadInfo(threadBean.getAllThreadIds())) {
      if (info != null) {
        long cpu = threadBean.getThreadCpuTime(info.getThreadId());
        if (cpu >= 0) {
          threads.put(info.getThreadId(), new ThreadCpu(info.getThreadName(), cpu));
        }
      }
    }
    return new CpuSnapshot(System.nanoTime(), os.getProcessCpuTime(), threads);
  }

  /** Cores used on average between {@code earlier} and this snapshot, by the whole process. */
  double coresSince(CpuSnapshot earlier) {
    return (double) (processCpuNanos - earlier.processCpuNanos) / (wallNanos - earlier.wallNanos);
  }

  /** Cores used on average since {@code earlier} by the threads whose names match, alive in both snapshots or started since. */
  double coresSince(CpuSnapshot earlier, Predicate<String> threadName) {
    long cpu = threadCpuSince(earlier).entrySet().stream()
        .filter(entry -> threadName.test(entry.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
    return (double) cpu / (wallNanos - earlier.wallNanos);
  }

  /** The busiest threads since {@code earlier}: name → cores, busiest first (threads of one pool added together). */
  Map<String, Double> busiestSince(CpuSnapshot earlier, int count) {
    Map<String, Long> byPool = new HashMap<>();
    threadCpuSince(earlier).forEach((name, cpu) -> byPool.merge(pool(name), cpu, Long::sum));
    Map<String, Double> busiest = new LinkedHashMap<>();
    byPool.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(count)
        .forEach(entry -> busiest.put(entry.getKey(), (double) entry.getValue() / (wallNanos - earlier.wallNanos)));
    return busiest;
  }

  /** A pool's threads differ only in a trailing number: {@code http-nio-8080-exec-3} → {@code http-nio-8080-exec-*}. */
  static String pool(String threadName) {
    return threadName.replaceAll("\\d+$", "*");
  }

  private Map<String, Long> threadCpuSince(CpuSnapshot earlier) {
    Map<String, Long> used = new HashMap<>();
    threads.forEach((id, now) -> {
      ThreadCpu before = earlier.threads.get(id);
      long since = before == null || !before.name().equals(now.name()) ? now.cpuNanos() : now.cpuNanos() - before.cpuNanos();
      used.merge(now.name() + "#" + id, since, Long::sum);
    });
    Map<String, Long> byName = new HashMap<>();
    used.forEach((key, cpu) -> byName.merge(key.substring(0, key.lastIndexOf('#')), cpu, Long::sum));
    return byName;
  }

  static List<String> describe(Map<String, Double> busiest) {
    return busiest.entrySet().stream().sorted(Comparator.comparing(Map.Entry<String, Double>::getValue).reversed())
        .map(entry -> String.format(java.util.Locale.ROOT, "%s %.3f", entry.getKey(), entry.getValue())).toList();
  }
}
