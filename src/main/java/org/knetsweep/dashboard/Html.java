package org.knetsweep.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping of text for HTML and of path segments for the dashboard's links. */
final class Html {
    private Html() {
    }

    /** {@code s} as HTML text or a quoted attribute value: {@code & < > " '} as entities; null as "". */
    static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code s} as one URL path segment: every character but letters, digits and {@code - . _ ~} percent-encoded. */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }
}
