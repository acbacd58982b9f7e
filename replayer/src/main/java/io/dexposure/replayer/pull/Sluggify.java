package io.dexposure.replayer.pull;

import java.util.Locale;

/**
 * A protocol's slug as DefiLlama makes it ({@code utils/sluggify.ts}, real-data.md section 5): lower case,
 * spaces turned into dashes, apostrophes removed ("Uniswap V3" -&gt; "uniswap-v3", "Hector's Bond" -&gt;
 * "hectors-bond"). Used only when the listing gives no {@code slug}.
 */
public final class Sluggify {
    private Sluggify() {
    }

    public static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replace(' ', '-').replace("'", "");
    }
}
