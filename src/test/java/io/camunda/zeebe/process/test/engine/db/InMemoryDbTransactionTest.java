package io.camunda.zeebe.process.test.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.db.impl.DbLong;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Greenlight's state transaction of the embedded engine: what a transaction reads, iterates and commits, with writes
 * and deletes pending over the committed state, and visitors that write and delete while they iterate.
 */
class InMemoryDbTransactionTest {

  enum Family { JOBS, TIMERS }

  final TreeMap<Bytes, Bytes> committed = new TreeMap<>();
  final InMemoryDbTransaction transaction = new InMemoryDbTransaction(committed);

  @Test
  void readsSeePendingWritesAndDeletesBeforeTheCommittedState() {
    put(Family.JOBS, 1, 10);
    transaction.commit();
    put(Family.JOBS, 1, 11);
    put(Family.JOBS, 2, 20);
    transaction.delete(key(Family.JOBS, 2));

    assertThat(value(transaction.get(key(Family.JOBS, 1)))).isEqualTo(11);
    assertThat(transaction.get(key(Family.JOBS, 2))).isNull();
    assertThat(transaction.contains(key(Family.JOBS, 2))).isFalse();
    assertThat(value(committed.get(key(Family.JOBS, 1).getKeyBytes()).toBytes())).as("not committed yet").isEqualTo(10);
  }

  @Test
  void commitAppliesWritesAndDeletesAndRollbackDropsThem() {
    put(Family.JOBS, 1, 10);
    put(Family.JOBS, 2, 20);
    transaction.commit();
    transaction.delete(key(Family.JOBS, 1));
    put(Family.JOBS, 3, 30);
    transaction.commit();
    put(Family.JOBS, 4, 40);
    transaction.rollback();

    assertThat(keysFrom(Family.JOBS)).containsExactly(2L, 3L);
  }

  @Test
  void anIterationMergesPendingOverCommittedInKeyOrderWithinItsPrefix() {
    for (long key = 1; key <= 5; key++) {
      put(Family.JOBS, key, key * 10);
      put(Family.TIMERS, key, key);
    }
    transaction.commit();
    put(Family.JOBS, 3, 33);
    put(Family.JOBS, 6, 60);
    transaction.delete(key(Family.JOBS, 2));
    transaction.delete(key(Family.JOBS, 5));

    List<long[]> seen = new ArrayList<>();
    Iterator<Map.Entry<Bytes, Bytes>> entries = iterationFrom(Family.JOBS);
    while (entries.hasNext()) {
      Map.Entry<Bytes, Bytes> entry = entries.next();
      if (!startsWith(entry.getKey(), Family.JOBS)) {
        break;
      }
      seen.add(new long[] {keyOf(entry.getKey()), value(entry.getValue().toBytes())});
    }

    assertThat(seen).containsExactly(new long[] {1, 10}, new long[] {3, 33}, new long[] {4, 40}, new long[] {6, 60});
  }

  @Test
  void aVisitorMayWriteAndDeleteWhileItIteratesAndSeesTheStateAsItWasWhenItBegan() {
    for (long key = 1; key <= 100; key++) {
      put(Family.JOBS, key, key);
    }
    transaction.commit();
    put(Family.JOBS, 101, 101);

    int visited = 0;
    Iterator<Map.Entry<Bytes, Bytes>> entries = iterationFrom(Family.JOBS);
    while (entries.hasNext()) {
      Map.Entry<Bytes, Bytes> entry = entries.next();
      long key = keyOf(entry.getKey());
      transaction.delete(key(Family.JOBS, key));
      put(Family.JOBS, 1000 + key, key);
      visited++;
    }

    assertThat(visited).isEqualTo(101);
    transaction.commit();
    assertThat(keysFrom(Family.JOBS)).hasSize(101).allMatch(key -> key > 1000);
  }

  private void put(Family family, long key, long value) {
    DbLong dbValue = new DbLong();
    dbValue.wrapLong(value);
    transaction.put(key(family, key), dbValue);
  }

  private static FullyQualifiedKey key(Family family, long key) {
    DbLong dbKey = new DbLong();
    dbKey.wrapLong(key);
    return new FullyQualifiedKey(family, dbKey);
  }

  private Iterator<Map.Entry<Bytes, Bytes>> iterationFrom(Family family) {
    byte[] prefix = prefix(family);
    return transaction.newIterator().seek(prefix, prefix.length).iterate();
  }

  private List<Long> keysFrom(Family family) {
    List<Long> keys = new ArrayList<>();
    for (Iterator<Map.Entry<Bytes, Bytes>> entries = iterationFrom(family); entries.hasNext(); ) {
      Map.Entry<Bytes, Bytes> entry = entries.next();
      if (startsWith(entry.getKey(), family)) {
        keys.add(keyOf(entry.getKey()));
      }
    }
    return keys;
  }

  /** A key's bytes: the column family's ordinal (eight bytes), then the key itself; the family's part is the prefix. */
  private static byte[] prefix(Family family) {
    return java.util.Arrays.copyOf(key(family, 0).getKeyBytes().toBytes(), Long.BYTES);
  }

  private static boolean startsWith(Bytes key, Family family) {
    return java.util.Arrays.equals(key.toBytes(), 0, Long.BYTES, prefix(family), 0, Long.BYTES);
  }

  private static long keyOf(Bytes key) {
    return ByteBuffer.wrap(key.toBytes(), Long.BYTES, Long.BYTES).getLong();
  }

  private static long value(byte[] bytes) {
    return ByteBuffer.wrap(bytes).getLong();
  }
}
