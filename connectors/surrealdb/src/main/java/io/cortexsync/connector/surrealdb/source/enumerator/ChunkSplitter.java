package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRange.Bound;
import io.cortexsync.connector.surrealdb.source.enumerator.KeyRangeQueries.Answers;
import io.cortexsync.connector.surrealdb.source.enumerator.KeyRangeQueries.Probe;
import io.cortexsync.connector.surrealdb.source.split.KeyRange;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.SurrealKeyOrder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Cuts a table into {@code ceil(N / chunkSize)} chunks of about {@code chunkSize} records, by
 * counting records in key ranges whose bounds it makes up.
 *
 * <p>Why this is fast: {@code SELECT count() FROM $range GROUP ALL} over a bounded record range
 * walks keys only (a few ms per 10,000 keys), while anything that returns keys from a range reads
 * the whole records, and skipping to the k-th key with {@code START k} costs time in proportion
 * to k, so looking up every boundary by position costs N²/K (21 s for 100,000 records of 768
 * floats on disk). A chunk boundary need not be a key of the table, only a key SurrealDB can
 * compare ({@link SplitPoints}). So the splitter cuts each kind of key (integers, strings, UUIDs:
 * {@link KeyClass}) between its first and last known key, counts every piece, and cuts again the
 * pieces that hold more than half a chunk. All counts of one level go in one request, so a table
 * takes a handful of requests (3 for 100,000 numbered keys), each walking the keys of the pieces
 * it cuts about once. String cuts favour the characters the keys seen so far use
 * ({@link KeyAlphabet}), so numbered or hex keys are cut between real keys. When a cut still leaves
 * most records in one piece (e.g. keys that share a long prefix), that piece's first and last keys
 * are looked up by position ({@code START}, from the nearer end of the table, costing time in
 * proportion to the position) and the next cut starts from them. Arrays and objects, rare as keys,
 * are cut by position only.
 *
 * <p>Each chunk then ends at the piece boundary nearest to where its share of the records ends,
 * at most a quarter chunk away, so a chunk holds its share give or take half a chunk. The chunks
 * always partition the whole key space, the first open below and the last open above: records
 * written later, or of any key type, fall into exactly one chunk. Counts that change while the
 * splitter runs only make chunks less even.
 */
@Internal
public final class ChunkSplitter {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkSplitter.class);

    /** The most chunks a table is cut into; beyond, chunks grow. */
    static final int MAX_CHUNKS_PER_TABLE = 2000;

    /** Even cuts aim at pieces of half the piece limit, so that few are over it. */
    private static final int PIECES_PER_LIMIT = 2;

    private static final int MAX_PIECES_PER_CUT = 1024;

    /** Requests after which pieces stay as large as they are (a safety net, never reached in tests). */
    private static final int MAX_ROUNDS = 64;

    private final int chunkSize;

    public ChunkSplitter(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    /** The chunks of {@code table} as it is now. */
    public List<SnapshotSplit> split(SurrealClient client, String table) {
        return cut(client, table).chunks();
    }

    /** The chunks of {@code table}, with the records counted and the requests it took. */
    public Result cut(SurrealClient client, String table) {
        long start = System.nanoTime();
        KeyRangeQueries queries = new KeyRangeQueries(client, table);
        KeyAlphabet alphabet = new KeyAlphabet();
        List<Piece> pieces = classPieces(queries, alphabet);
        long total = total(pieces);
        int step = effectiveChunkSize(total, chunkSize);
        // pieces of at most half a chunk let every chunk end within a quarter chunk of its ideal end
        int pieceLimit = Math.max(1, step / 2);
        int rounds = 0;
        while (total > step && rounds++ < MAX_ROUNDS && cutOnce(queries, pieces, pieceLimit, alphabet)) {
            total = total(pieces);
        }
        List<SnapshotSplit> splits = splitsFor(table, total > step ? boundaries(pieces, step) : List.of());
        LOG.info("Cut table {} ({} records) into {} chunks of up to about {} records with {} requests "
                        + "and {} keys looked up by position in {} ms",
                table, total, splits.size(), step, queries.requests(), queries.positionLookups(),
                (System.nanoTime() - start) / 1_000_000);
        return new Result(splits, total, queries.requests(), queries.positionLookups());
    }

    /**
     * What {@link #cut} made of a table: its chunks, the records it counted, the requests it sent
     * and the keys it looked up by position (two for the table's ends, more when cuts missed).
     */
    public record Result(List<SnapshotSplit> chunks, long records, int requests, int positionLookups) {}

    /** One piece per kind of key with its count, and the table's first and last keys (learnt by {@code alphabet}). */
    private static List<Piece> classPieces(KeyRangeQueries queries, KeyAlphabet alphabet) {
        List<KeyRange> ranges = new ArrayList<>();
        for (KeyClass keyClass : KeyClass.values()) {
            ranges.add(keyClass.range());
        }
        Answers answers = queries.run(ranges, List.of(new Probe(0, false), new Probe(0, true)));
        List<Piece> pieces = new ArrayList<>();
        for (KeyClass keyClass : KeyClass.values()) {
            pieces.add(new Piece(keyClass, keyClass.range(), answers.counts()[keyClass.ordinal()]));
        }
        for (Piece piece : pieces) {
            piece.learnEnds(answers.keys().get(0), answers.keys().get(1));
        }
        answers.keys().forEach(alphabet::learn);
        return pieces;
    }

    /**
     * Cuts (or looks up the ends of) every piece holding more than {@code limit} records, with one
     * request; false when no piece can be cut further.
     */
    private static boolean cutOnce(KeyRangeQueries queries, List<Piece> pieces, int limit, KeyAlphabet alphabet) {
        long total = total(pieces);
        List<KeyRange> toCount = new ArrayList<>();
        List<Probe> probes = new ArrayList<>();
        List<Cut> cuts = new ArrayList<>(pieces.size());
        long rank = 0;
        for (Piece piece : pieces) {
            cuts.add(piece.count > limit && !piece.settled ? plan(piece, rank, total, limit, alphabet, toCount, probes) : null);
            rank += piece.count;
        }
        if (toCount.isEmpty() && probes.isEmpty()) {
            return false;
        }
        Answers answers = queries.run(toCount, probes);
        answers.keys().forEach(alphabet::learn);
        List<Piece> next = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            Cut cut = cuts.get(i);
            next.addAll(cut == null ? List.of(pieces.get(i)) : cut.apply(answers));
        }
        pieces.clear();
        pieces.addAll(next);
        return true;
    }

    /** What the answers to one request make of a piece. */
    private interface Cut {
        List<Piece> apply(Answers answers);
    }

    /**
     * Plans the next step for a piece that starts at position {@code rank} of the table's
     * {@code total} keys; null when it cannot be cut.
     */
    private static Cut plan(Piece piece, long rank, long total, int limit, KeyAlphabet alphabet,
            List<KeyRange> toCount, List<Probe> probes) {
        if (!piece.keyClass.synthesizesKeys()) {
            return cutByPosition(piece, rank, total, limit, probes);
        }
        if (piece.wantsEnds) {
            int firstProbe = probes.size();
            probes.add(probe(rank, total));
            probes.add(probe(rank + piece.count - 1, total));
            return answers -> {
                piece.wantsEnds = false;
                piece.learnEnds(answers.keys().get(firstProbe), answers.keys().get(firstProbe + 1));
                return List.of(piece);
            };
        }
        int wanted = (int) Math.min(MAX_PIECES_PER_CUT, Math.max(2, PIECES_PER_LIMIT * piece.count / limit + 1));
        List<Object> points = piece.keyClass.splitPoints(piece.range, piece.first, piece.last, wanted, alphabet);
        if (points.isEmpty()) {
            piece.settled = true;
            return null;
        }
        List<KeyRange> ranges = between(piece.range, points);
        int firstRange = toCount.size();
        toCount.addAll(ranges);
        return answers -> {
            List<Piece> cut = new ArrayList<>(ranges.size());
            for (int i = 0; i < ranges.size(); i++) {
                Piece part = new Piece(piece.keyClass, ranges.get(i), answers.counts()[firstRange + i]);
                part.learnEnds(piece.first, piece.last);
                // most records stayed together: start the next cut from their real first and last keys
                part.wantsEnds = part.count > limit && 2 * part.count > piece.count && (part.first == null || part.last == null);
                cut.add(part);
            }
            return cut;
        };
    }

    /** Arrays and objects: the pieces end at the keys at every {@code limit}-th position. */
    private static Cut cutByPosition(Piece piece, long rank, long total, int limit, List<Probe> probes) {
        int firstProbe = probes.size();
        List<Long> offsets = new ArrayList<>();
        for (long offset = rank + limit; offset < rank + piece.count; offset += limit) {
            offsets.add(offset);
            probes.add(probe(offset, total));
        }
        if (offsets.isEmpty()) {
            piece.settled = true;
            return null;
        }
        return answers -> {
            List<Object> keys = new ArrayList<>();
            List<Long> positions = new ArrayList<>();
            positions.add(rank);
            for (int i = 0; i < offsets.size(); i++) {
                Object key = answers.keys().get(firstProbe + i);
                Object previous = keys.isEmpty() ? piece.range.lower().value() : keys.get(keys.size() - 1);
                if (KeyClass.isKey(key) && piece.range.contains(key)
                        && (previous == null || SurrealKeyOrder.INSTANCE.compare(key, previous) > 0)) {
                    keys.add(key);
                    positions.add(offsets.get(i));
                }
            }
            positions.add(rank + piece.count);
            List<KeyRange> ranges = between(piece.range, keys);
            List<Piece> cut = new ArrayList<>(ranges.size());
            for (int i = 0; i < ranges.size(); i++) {
                Piece part = new Piece(piece.keyClass, ranges.get(i), positions.get(i + 1) - positions.get(i));
                part.settled = true;
                cut.add(part);
            }
            return cut;
        };
    }

    /** The key at {@code offset}, looked up from whichever end of the table is nearer. */
    private static Probe probe(long offset, long total) {
        long fromEnd = total - 1 - offset;
        return fromEnd >= 0 && fromEnd < offset ? new Probe(fromEnd, true) : new Probe(offset, false);
    }

    /** {@code range} cut at the increasing keys {@code points}, all inside it. */
    private static List<KeyRange> between(KeyRange range, List<Object> points) {
        List<KeyRange> ranges = new ArrayList<>(points.size() + 1);
        Bound lower = range.lower();
        for (Object point : points) {
            ranges.add(new KeyRange(lower, Bound.exclusive(point)));
            lower = Bound.inclusive(point);
        }
        ranges.add(new KeyRange(lower, range.upper()));
        return ranges;
    }

    private static long total(List<Piece> pieces) {
        long total = 0;
        for (Piece piece : pieces) {
            total += piece.count;
        }
        return total;
    }

    /**
     * The lower bounds of the chunks after the first: as many chunks as {@code step} records
     * need, each ending at the piece boundary nearest to its share of the records.
     */
    static List<Object> boundaries(List<Piece> pieces, int step) {
        long total = total(pieces);
        long chunks = Math.max(1, (total + step - 1) / step);
        List<Object> boundaries = new ArrayList<>();
        int next = 1; // pieces.get(next) starts where the next chunk may start
        long before = pieces.get(0).count; // records before pieces.get(next)
        for (long chunk = 1; chunk < chunks && next < pieces.size(); chunk++) {
            double target = (double) total * chunk / chunks;
            // ties move on: a run of empty pieces must not hold the boundary back
            while (next + 1 < pieces.size()
                    && Math.abs(before + pieces.get(next).count - target) <= Math.abs(before - target)) {
                before += pieces.get(next).count;
                next++;
            }
            boundaries.add(pieces.get(next).range.lower().value());
            before += pieces.get(next).count;
            next++;
        }
        return boundaries;
    }

    /** A range of one kind of keys, its record count, and what is known of its first and last keys. */
    static final class Piece {
        final KeyClass keyClass;
        final KeyRange range;
        final long count;
        Object first;
        Object last;
        boolean wantsEnds;
        boolean settled;

        Piece(KeyClass keyClass, KeyRange range, long count) {
            this.keyClass = keyClass;
            this.range = range;
            this.count = count;
        }

        /** Takes the keys as this piece's first and last where they lie in it (writes may have moved them). */
        void learnEnds(Object firstKey, Object lastKey) {
            if (holds(firstKey)) {
                first = firstKey;
            }
            if (holds(lastKey)) {
                last = lastKey;
            }
        }

        private boolean holds(Object key) {
            return KeyClass.isKey(key) && KeyClass.of(key) == keyClass && range.contains(key);
        }
    }

    /** The chunk size used for {@code count} records: at least {@code count / MAX_CHUNKS_PER_TABLE}. */
    static int effectiveChunkSize(long count, int chunkSize) {
        long least = (count + MAX_CHUNKS_PER_TABLE - 1) / MAX_CHUNKS_PER_TABLE;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(chunkSize, least));
    }

    /**
     * The chunks {@code [-, b1)}, {@code [b1, b2)}, ..., {@code [bn, -]} for the given boundary
     * keys, which are sorted and deduplicated first.
     */
    public static List<SnapshotSplit> splitsFor(String table, List<Object> boundaryKeys) {
        TreeSet<Object> sorted = new TreeSet<>(SurrealKeyOrder.INSTANCE);
        sorted.addAll(boundaryKeys);
        List<SnapshotSplit> splits = new ArrayList<>(sorted.size() + 1);
        Bound lower = Bound.unbounded();
        int index = 0;
        for (Object key : sorted) {
            splits.add(new SnapshotSplit(table, index++, new KeyRange(lower, Bound.exclusive(key))));
            lower = Bound.inclusive(key);
        }
        splits.add(new SnapshotSplit(table, index, new KeyRange(lower, Bound.unbounded())));
        return splits;
    }
}

