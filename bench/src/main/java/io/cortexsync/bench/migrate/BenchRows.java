package io.cortexsync.bench.migrate;

import io.cortexsync.bench.surreal.BenchDataset;
import io.cortexsync.cli.demo.DemoDataset;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;

/**
 * The rows a migration bench copies: its own synthetic ones (a vector of random floats and four
 * short fields) or the demo's realistic ones (normalised vectors, titles, authors in several
 * scripts, languages, tags, dates, URLs, counts), which weigh more per record, as users' tables do.
 */
final class BenchRows implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long SEED = 42;

    /** Which rows. */
    enum Kind { SYNTHETIC, DEMO }

    private final Kind kind;
    private final int dim;
    private transient BenchDataset synthetic;
    private transient DemoDataset demo;

    BenchRows(Kind kind, int dim) {
        this.kind = kind;
        this.dim = dim;
    }

    static BenchRows parse(String name, int dim) {
        return new BenchRows(Kind.valueOf(name.trim().toUpperCase(Locale.ROOT)), dim);
    }

    /** {@code synthetic} or {@code demo}: the data set's part of the bench's figure names. */
    String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    int dim() {
        return dim;
    }

    String key(long i) {
        return kind == Kind.DEMO ? DemoDataset.key(i) : BenchDataset.key(i);
    }

    /** Row {@code i}'s fields, without its id. */
    Map<String, Object> row(long i) {
        if (kind == Kind.DEMO) {
            if (demo == null) {
                demo = new DemoDataset(dim, SEED);
            }
            return demo.record(i);
        }
        if (synthetic == null) {
            synthetic = new BenchDataset(dim, SEED);
        }
        return synthetic.content(i);
    }
}
