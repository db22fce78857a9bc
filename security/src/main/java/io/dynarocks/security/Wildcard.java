package io.dynarocks.security;

/** IAM's wildcard matching: {@code *} matches any run of characters, {@code ?} any one character. */
final class Wildcard {

    private Wildcard() {}

    static boolean matches(String pattern, String text) {
        return matches(pattern, text, false);
    }

    /** As {@link #matches(String, String)} for a lower-case pattern, {@code text} compared as if lower-cased (ASCII). */
    static boolean matchesLowerCased(String lowerPattern, String text) {
        return matches(lowerPattern, text, true);
    }

    private static boolean matches(String pattern, String text, boolean lowerText) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            char c = text.charAt(t);
            if (lowerText && c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == c)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
