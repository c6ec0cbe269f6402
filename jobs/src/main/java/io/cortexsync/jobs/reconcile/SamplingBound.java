package io.cortexsync.jobs.reconcile;

/**
 * How many entities may differ at most when a sample of them was compared: the one-sided 95%
 * Clopper-Pearson upper bound of the differing share, from {@code differences} found among {@code
 * checked} entities. Partitions are random shares of the point-id space and point ids are hashes
 * of the record ids, so the entities of the sampled partitions are a random sample of all.
 */
public final class SamplingBound {

    /** The confidence of the bound. */
    public static final double CONFIDENCE = 0.95;

    private SamplingBound() {}

    /** The largest share p of differing entities for which finding at most {@code differences} in {@code checked} has a 5% chance. */
    public static double upperShare(long differences, long checked) {
        if (checked <= 0) {
            return 1.0;
        }
        if (differences >= checked) {
            return 1.0;
        }
        double low = (double) differences / checked;
        double high = 1.0;
        for (int i = 0; i < 100 && high - low > 1e-12; i++) {
            double mid = (low + high) / 2;
            if (atMost(differences, checked, mid) > 1 - CONFIDENCE) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /** P(X <= d) for X ~ Binomial(n, p), summed in log space. */
    static double atMost(long d, long n, double p) {
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double logChoose = 0;
        double sum = 0;
        for (long k = 0; k <= d; k++) {
            if (k > 0) {
                logChoose += Math.log(n - k + 1) - Math.log(k);
            }
            sum += Math.exp(logChoose + k * logP + (n - k) * logQ);
        }
        return Math.min(1.0, sum);
    }
}
