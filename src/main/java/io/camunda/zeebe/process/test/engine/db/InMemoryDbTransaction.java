package io.camunda.zeebe.process.test.engine.db;

import io.camunda.zeebe.db.DbValue;
import io.camunda.zeebe.db.TransactionOperation;
import io.camunda.zeebe.db.ZeebeDbTransaction;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * Greenlight's replacement of the embedded engine's state transaction (zeebe-process-test-engine 8.8.21 ships one of
 * the same name, which this class shadows on the class path). Same behaviour: writes and deletes wait in the
 * transaction until commit, reads see them first. The difference is iteration: the shipped class copied the whole
 * committed state into a new sorted map for every iteration, and the engine iterates on nearly every command, so each
 * command cost time in proportion to everything every running rollout holds (docs/benchmarks.md). Here an iteration
 * walks the committed state lazily from its seek point ({@link MergedStateView}) and copies only the transaction's
 * own pending changes, which are a few entries. {@code EmbeddedEngineStateTest} checks that this class is the one
 * loaded and that the engine version is the one it was written for.
 */
final class InMemoryDbTransaction implements ZeebeDbTransaction, InMemoryDbState {

  private final TreeMap<Bytes, Bytes> committed;
  private final TreeMap<Bytes, Bytes> pending = new TreeMap<>();
  private final Set<Bytes> deleted = new HashSet<>();
  private boolean inCurrentTransaction;

  InMemoryDbTransaction(TreeMap<Bytes, Bytes> committed) {
    this.committed = committed;
  }

  void resetTransaction() {
    rollback();
    inCurrentTransaction = true;
  }

  public boolean isInCurrentTransaction() {
    return inCurrentTransaction;
  }

  @Override
  public void run(TransactionOperation operation) throws Exception {
    operation.run();
  }

  @Override
  public void commit() {
    inCurrentTransaction = false;
    committed.putAll(pending);
    deleted.forEach(committed::remove);
    deleted.clear();
    pending.clear();
  }

  @Override
  public void rollback() {
    inCurrentTransaction = false;
    deleted.clear();
    pending.clear();
  }

  @Override
  public void put(FullyQualifiedKey key, DbValue value) {
    deleted.remove(key.getKeyBytes());
    pending.put(key.getKeyBytes(), Bytes.fromDbValue(value));
  }

  @Override
  public byte[] get(FullyQualifiedKey key) {
    Bytes bytes = key.getKeyBytes();
    if (deleted.contains(bytes)) {
      return null;
    }
    Bytes value = pending.get(bytes);
    if (value == null) {
      value = committed.get(bytes);
    }
    return value == null ? null : value.toBytes();
  }

  @Override
  public void delete(FullyQualifiedKey key) {
    pending.remove(key.getKeyBytes());
    deleted.add(key.getKeyBytes());
  }

  @Override
  public InMemoryDbIterator newIterator() {
    return new InMemoryDbIterator(MergedStateView.of(committed, pending, deleted));
  }

  @Override
  public boolean contains(FullyQualifiedKey key) {
    Bytes bytes = key.getKeyBytes();
    return !deleted.contains(bytes) && (pending.containsKey(bytes) || committed.containsKey(bytes));
  }
}
