package io.dexposure.replayer.pull;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An ERC-20 token's supply as its contract reports it.
 *
 * @param address        the contract, lower case
 * @param totalSupplyRaw {@code totalSupply()} in the token's smallest unit
 * @param decimals       {@code decimals()}
 */
public record TokenSupply(String address, BigInteger totalSupplyRaw, int decimals) {
    /** The supply in whole tokens. */
    public BigDecimal supply() {
        return new BigDecimal(totalSupplyRaw, decimals);
    }
}
