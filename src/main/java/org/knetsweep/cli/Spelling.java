package org.knetsweep.cli;

import java.util.List;
import java.util.Locale;

/** The closest of a few known words to a mistyped one, by edit distance (for "did you mean ...?" hints). */
final class Spelling {
    private Spelling() {
    }

    /**
     * The candidate closest to {@code word}, or null when none is close: at most 1 edit, 2 for words of 5 letters or
     * more, 3 from 9 letters; or one is a prefix (of 3 letters or more) of the other. Case is ignored, '_' counts as
     * '-'. Ties go to the earlier candidate.
     */
    static String closest(String word, List<String> candidates) {
        String w = normalize(word);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = normalize(candidate);
            int d = distance(w, c);
            boolean prefix = Math.min(w.length(), c.length()) >= 3 && (c.startsWith(w) || w.startsWith(c));
            if (!prefix && d > allowed(w.length())) continue;
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int allowed(int length) {
        return length >= 9 ? 3 : length >= 5 ? 2 : 1;
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and transpositions of two adjacent
     * letters each count 1 ({@code cnof} is one edit from {@code conf}).
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
        return d[a.length()][b.length()];
    }
}
