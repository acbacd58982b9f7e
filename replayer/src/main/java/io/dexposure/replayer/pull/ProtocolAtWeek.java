package io.dexposure.replayer.pull;

/** A listed protocol and what it held at the week's timestamp. */
public record ProtocolAtWeek(ListedProtocol protocol, ProtocolHoldings holdings) {
    /** Flagged in the list or in its own history. */
    public boolean misrepresentedTokens() {
        return protocol.misrepresentedTokens() || holdings.misrepresentedTokens();
    }

    public boolean doublecounted() {
        return protocol.doublecounted() || holdings.doublecounted();
    }
}
