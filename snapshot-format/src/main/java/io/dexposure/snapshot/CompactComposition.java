package io.dexposure.snapshot;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An unmodifiable token -> USD map in file order, held as two arrays: a week has ~90k compositions of a
 * few tokens each, and as LinkedHashMaps of boxed Doubles they tripled the reader's garbage-collection
 * time. Lookups scan the keys, so the reader uses it only for small compositions (see {@link #MAX_SIZE}).
 */
final class CompactComposition extends AbstractMap<String, Double> {
    /** Above this many tokens a hash map is used: scanning would make {@code get} slow. */
    static final int MAX_SIZE = 8;

    private final String[] tokens;
    private final double[] usd;

    /** Takes ownership of the arrays, which must have equal length and distinct tokens. */
    CompactComposition(String[] tokens, double[] usd) {
        this.tokens = tokens;
        this.usd = usd;
    }

    @Override
    public int size() {
        return tokens.length;
    }

    @Override
    public boolean containsKey(Object token) {
        return indexOf(token) >= 0;
    }

    @Override
    public Double get(Object token) {
        int i = indexOf(token);
        return i >= 0 ? usd[i] : null;
    }

    private int indexOf(Object token) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals(token)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Double> action) {
        for (int i = 0; i < tokens.length; i++) {
            action.accept(tokens[i], usd[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return tokens.length;
            }

            @Override
            public Iterator<Map.Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < tokens.length;
                    }

                    @Override
                    public Map.Entry<String, Double> next() {
                        if (next >= tokens.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(tokens[i], usd[i]);
                    }
                };
            }
        };
    }
}
