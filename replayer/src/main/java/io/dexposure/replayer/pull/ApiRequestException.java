package io.dexposure.replayer.pull;

import java.io.IOException;

/**
 * A request to DefiLlama, CoinGecko or Ethereum RPC failed for good (after its retries, or at once for an answer that
 * retrying cannot change). The message names the API, the method and URL (API keys replaced by {@code ***}) and the
 * last status or error, so it can be shown to the user as it is. An IOException so the CLI reports it in one line.
 */
public class ApiRequestException extends IOException {
    public ApiRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
