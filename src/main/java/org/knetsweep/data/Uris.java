package org.knetsweep.data;

import java.util.Locale;

/** URIs of data sources, told apart without Hadoop's classes. */
final class Uris {
    private Uris() {
    }

    /** True for a URI with a scheme other than file: (a Windows drive letter is not a scheme). */
    static boolean isRemote(String source) {
        int colon = source.indexOf("://");
        if (colon <= 1) return false;
        String scheme = source.substring(0, colon).toLowerCase(Locale.ROOT);
        return !scheme.equals("file") && scheme.matches("[a-z][a-z0-9+.-]*");
    }
}
