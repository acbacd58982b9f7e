package io.dexposure.analytics.linkpred;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Seeded sampling of non-links: the same seed, week and purpose always give the same pairs. */
public final class NegativeSampler {
    private static final int MAX_TRIES = 64;

    private NegativeSampler() {
    }

    /** A seed for one week and purpose (evaluation, training, ...), independent of anything else. */
    public static long seedFor(long seed, String week, String purpose) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (byte b : (week + "/" + purpose).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        return h ^ (h >>> 31);
    }

    /** {@code count} random ordered pairs (s != t) that are not links; [0] sources, [1] targets. */
    public static int[][] nonLinks(LinkSet links, int nodes, int count, SplittableRandom random) {
        if (nodes < 2) {
            return new int[][] {new int[0], new int[0]};
        }
        int[] s = new int[count];
        int[] t = new int[count];
        for (int i = 0; i < count; i++) {
            int a;
            int b;
            int tries = 0;
            do {
                a = random.nextInt(nodes);
                b = random.nextInt(nodes - 1);
                if (b >= a) {
                    b++;
                }
            } while (links.contains(a, b) && ++tries < MAX_TRIES);
            s[i] = a;
            t[i] = b;
        }
        return new int[][] {s, t};
    }

    /** A random target t != source with source -> t not a link (gives up after a few tries on dense rows). */
    public static int nonLinkTarget(LinkSet links, int nodes, int source, SplittableRandom random) {
        int b;
        int tries = 0;
        do {
            b = random.nextInt(nodes - 1);
            if (b >= source) {
                b++;
            }
        } while (links.contains(source, b) && ++tries < MAX_TRIES);
        return b;
    }

    /** {@code k} distinct indices of 0..n-1 (partial Fisher-Yates), in sampling order. */
    public static int[] choose(int n, int k, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return java.util.Arrays.copyOf(all, k);
    }
}
