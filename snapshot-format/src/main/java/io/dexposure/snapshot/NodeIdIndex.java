package io.dexposure.snapshot;

import java.util.Arrays;

/**
 * The node ids of one week -> their position in the week's node list. Links look their endpoints up by
 * the parser's character buffer, so the ~150k endpoint lookups of a large week make no String and hash
 * nothing twice; a HashMap lookup of a fresh String was the reader's largest cost after parsing numbers.
 * Open addressing with linear probing, at most half full; reused from week to week.
 */
final class NodeIdIndex {
    private static final int FIBONACCI = 0x9E3779B9;

    private String[] ids;
    private int[] positions;
    private int shift;
    private int size;

    NodeIdIndex(int expectedIds) {
        allocate(expectedIds);
    }

    int size() {
        return size;
    }

    /** Empties the index, keeping its capacity when that is enough for {@code expectedIds}. */
    void clear(int expectedIds) {
        if (expectedIds * 2 > ids.length) {
            allocate(expectedIds);
        } else {
            Arrays.fill(ids, null);
        }
        size = 0;
    }

    /** Adds {@code id} at {@code position}; returns -1, or the position already held by an equal id. */
    int putIfAbsent(String id, int position) {
        if ((size + 1) * 2 > ids.length) {
            grow();
        }
        int slot = firstSlot(id.hashCode());
        for (String existing = ids[slot]; existing != null; existing = ids[slot]) {
            if (existing.equals(id)) {
                return positions[slot];
            }
            slot = (slot + 1) & (ids.length - 1);
        }
        ids[slot] = id;
        positions[slot] = position;
        size++;
        return -1;
    }

    /** The position of {@code id}, or -1. */
    int positionOf(String id) {
        int slot = firstSlot(id.hashCode());
        for (String existing = ids[slot]; existing != null; existing = ids[slot]) {
            if (existing.equals(id)) {
                return positions[slot];
            }
            slot = (slot + 1) & (ids.length - 1);
        }
        return -1;
    }

    /** The position of the id whose text is {@code text[offset, offset + length)}, or -1. */
    int positionOf(char[] text, int offset, int length) {
        int hash = 0; // String.hashCode's polynomial, so both lookups find the same slot
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = 31 * hash + text[i];
        }
        int slot = firstSlot(hash);
        for (String existing = ids[slot]; existing != null; existing = ids[slot]) {
            if (sameText(existing, text, offset, length)) {
                return positions[slot];
            }
            slot = (slot + 1) & (ids.length - 1);
        }
        return -1;
    }

    private static boolean sameText(String id, char[] text, int offset, int length) {
        if (id.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (id.charAt(i) != text[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private int firstSlot(int hash) {
        return (hash * FIBONACCI) >>> shift;
    }

    private void allocate(int expectedIds) {
        int capacity = Integer.highestOneBit(Math.max(8, expectedIds) * 2 - 1) << 1;
        ids = new String[capacity];
        positions = new int[capacity];
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }

    private void grow() {
        String[] oldIds = ids;
        int[] oldPositions = positions;
        allocate(ids.length);
        size = 0;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != null) {
                putIfAbsent(oldIds[i], oldPositions[i]);
            }
        }
    }
}
