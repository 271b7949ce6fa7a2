package io.camunda.zeebe.process.test.engine.db;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state an iteration sees: the committed entries with the transaction's pending writes over them and its deletes
 * taken out, in key order. The engine's iterator only seeks ({@link #tailMap}) and walks forward ({@link #entrySet}).
 * The pending writes and deletes (a few entries) are copied when the iteration is created, so visitors may write and
 * delete while they walk; the committed entries are walked in place (they change only at a commit, never during an
 * iteration).
 */
final class MergedStateView extends AbstractMap<Bytes, Bytes> implements SortedMap<Bytes, Bytes> {

  private final NavigableMap<Bytes, Bytes> committed;
  private final NavigableMap<Bytes, Bytes> pending;
  private final Set<Bytes> deleted;
  private final Bytes from;

  private MergedStateView(NavigableMap<Bytes, Bytes> committed, NavigableMap<Bytes, Bytes> pending, Set<Bytes> deleted,
      Bytes from) {
    this.committed = committed;
    this.pending = pending;
    this.deleted = deleted;
    this.from = from;
  }

  /** The whole state as the transaction sees it now. */
  static MergedStateView of(NavigableMap<Bytes, Bytes> committed, NavigableMap<Bytes, Bytes> pending,
      Set<Bytes> deleted) {
    return new MergedStateView(committed, new TreeMap<>(pending), new HashSet<>(deleted), null);
  }

  @Override
  public SortedMap<Bytes, Bytes> tailMap(Bytes fromKey) {
    return new MergedStateView(committed, pending, deleted, from == null || fromKey.compareTo(from) > 0 ? fromKey : from);
  }

  @Override
  public Set<Map.Entry<Bytes, Bytes>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<Bytes, Bytes>> iterator() {
        return new MergingIterator(
            (from == null ? committed : committed.tailMap(from, true)).entrySet().iterator(),
            (from == null ? pending : pending.tailMap(from, true)).entrySet().iterator(),
            deleted);
      }

      @Override
      public int size() {
        int size = 0;
        for (Iterator<Map.Entry<Bytes, Bytes>> entries = iterator(); entries.hasNext(); entries.next()) {
          size++;
        }
        return size;
      }
    };
  }

  @Override
  public Comparator<? super Bytes> comparator() {
    return null;
  }

  @Override
  public SortedMap<Bytes, Bytes> subMap(Bytes fromKey, Bytes toKey) {
    throw new UnsupportedOperationException("the engine's iterator only seeks forward");
  }

  @Override
  public SortedMap<Bytes, Bytes> headMap(Bytes toKey) {
    throw new UnsupportedOperationException("the engine's iterator only seeks forward");
  }

  @Override
  public Bytes firstKey() {
    Iterator<Map.Entry<Bytes, Bytes>> entries = entrySet().iterator();
    if (!entries.hasNext()) {
      throw new NoSuchElementException();
    }
    return entries.next().getKey();
  }

  @Override
  public Bytes lastKey() {
    throw new UnsupportedOperationException("the engine's iterator only seeks forward");
  }

  /** Two key-ordered walks merged; on equal keys the pending write wins; deleted keys are skipped. */
  private static final class MergingIterator implements Iterator<Map.Entry<Bytes, Bytes>> {
    private final Iterator<Map.Entry<Bytes, Bytes>> committed;
    private final Iterator<Map.Entry<Bytes, Bytes>> pending;
    private final Set<Bytes> deleted;
    private Map.Entry<Bytes, Bytes> nextCommitted;
    private Map.Entry<Bytes, Bytes> nextPending;

    MergingIterator(Iterator<Map.Entry<Bytes, Bytes>> committed, Iterator<Map.Entry<Bytes, Bytes>> pending,
        Set<Bytes> deleted) {
      this.committed = committed;
      this.pending = pending;
      this.deleted = deleted;
      this.nextCommitted = advanceCommitted();
      this.nextPending = pending.hasNext() ? pending.next() : null;
    }

    @Override
    public boolean hasNext() {
      return nextCommitted != null || nextPending != null;
    }

    @Override
    public Map.Entry<Bytes, Bytes> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int order = nextCommitted == null ? 1
          : nextPending == null ? -1
          : nextCommitted.getKey().compareTo(nextPending.getKey());
      Map.Entry<Bytes, Bytes> result;
      if (order < 0) {
        result = Map.entry(nextCommitted.getKey(), nextCommitted.getValue());
        nextCommitted = advanceCommitted();
      } else {
        result = Map.entry(nextPending.getKey(), nextPending.getValue());
        if (order == 0) {
          nextCommitted = advanceCommitted();
        }
        nextPending = pending.hasNext() ? pending.next() : null;
      }
      return result;
    }

    private Map.Entry<Bytes, Bytes> advanceCommitted() {
      while (committed.hasNext()) {
        Map.Entry<Bytes, Bytes> entry = committed.next();
        if (!deleted.contains(entry.getKey())) {
          return entry;
        }
      }
      return null;
    }
  }
}
