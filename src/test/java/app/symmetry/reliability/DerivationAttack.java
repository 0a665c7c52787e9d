package app.symmetry.reliability;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

/**
 * The curious manager with a spreadsheet: every published employee count is a known sum over
 * "cells" (a unit in one time fragment: the days of one week inside one month). Any integer (in fact
 * rational) combination of published counts is known to the attacker. A group of cells is isolated
 * when its indicator vector lies in the span of the published vectors: its exact count follows.
 * <p>
 * {@link #leaks} checks every candidate group (given by the caller: spatial families × time
 * fragments) and returns those that are derivable and hold 1 to k − 1 answers. Exact span
 * membership by Gaussian elimination; vectors are 0/1 of a hundred or so cells, so doubles with a
 * tolerance are exact enough.
 */
final class DerivationAttack {

    record Published(String label, BitSet cells, long n) {}

    private final int width;
    private final List<double[]> basis = new ArrayList<>();
    private final List<Integer> pivots = new ArrayList<>();

    DerivationAttack(int width) {
        this.width = width;
    }

    void publish(BitSet cells) {
        double[] v = vector(cells);
        reduce(v);
        for (int i = 0; i < width; i++) {
            if (Math.abs(v[i]) > 1e-9) {
                double p = v[i];
                for (int j = 0; j < width; j++) {
                    v[j] /= p;
                }
                basis.add(v);
                pivots.add(i);
                return;
            }
        }
    }

    boolean derivable(BitSet group) {
        double[] v = vector(group);
        reduce(v);
        for (double x : v) {
            if (Math.abs(x) > 1e-6) {
                return false;
            }
        }
        return true;
    }

    private void reduce(double[] v) {
        for (int r = 0; r < basis.size(); r++) {
            double f = v[pivots.get(r)];
            if (f != 0) {
                double[] row = basis.get(r);
                for (int j = 0; j < width; j++) {
                    v[j] -= f * row[j];
                }
            }
        }
    }

    private double[] vector(BitSet cells) {
        double[] v = new double[width];
        cells.stream().forEach(i -> v[i] = 1);
        return v;
    }

    /**
     * @param truth the true count of each cell (what was really answered)
     * @return a description of each derivable group of 1..k−1 answers
     */
    static List<String> leaks(
            String measure,
            int width,
            long[] truth,
            List<Published> published,
            List<BitSet> candidates,
            int k,
            Function<BitSet, String> describe) {
        DerivationAttack attack = new DerivationAttack(width);
        List<String> found = new ArrayList<>();
        for (Published p : published) {
            long sum = p.cells().stream().mapToLong(i -> truth[i]).sum();
            if (sum != p.n()) {
                found.add(measure + ": the model is wrong: " + p.label() + " publishes " + p.n()
                        + " but its cells hold " + sum);
            }
            if (p.n() > 0 && p.n() < k) {
                found.add(measure + ": " + p.label() + " is published with " + p.n() + " < k");
            }
            attack.publish(p.cells());
        }
        for (BitSet group : candidates) {
            long n = group.stream().mapToLong(i -> truth[i]).sum();
            if (n > 0 && n < k && attack.derivable(group)) {
                found.add(measure + ": " + describe.apply(group) + " holds " + n + " answers and is derivable");
            }
        }
        return found;
    }
}
