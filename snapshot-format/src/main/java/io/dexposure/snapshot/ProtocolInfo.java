package io.dexposure.snapshot;

/** What the mapping says about a protocol id: its DefiLlama name and category. */
public record ProtocolInfo(String name, String category) {
}
