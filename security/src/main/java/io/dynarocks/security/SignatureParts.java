package io.dynarocks.security;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a request says about its own signature, from the {@code Authorization} header or, for a presigned
 * request, from the query string; parsing fails with DynamoDB's errors, in DynamoDB's order of checks.
 *
 * @param time          the signing time as the client wrote it (ISO-8601 basic), used in the string to sign
 * @param expiresSeconds a presigned request's {@code X-Amz-Expires}; null for the header form
 */
record SignatureParts(String accessKeyId, String scopeDate, String region, String service, String signedHeaders,
        String signature, String time, Instant instant, Long expiresSeconds, String sessionToken, boolean presigned,
        String scope) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final java.time.Duration SKEW = java.time.Duration.ofMinutes(15);
    static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** Region names as SigV4 scopes accept them; most are checked by {@link #validRegion} without it. */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+|local|localhost|[a-z0-9-]{1,32}");

    /** The signature of {@code request}; MissingAuthenticationToken when it has none. */
    static SignatureParts of(SignedRequest request, String expectedService, Instant now) {
        String auth = request.header("Authorization");
        if (auth != null && auth.trim().startsWith("AWS4-")) {
            return fromHeader(auth, request, expectedService, now);
        }
        Map<String, String> query = CanonicalRequest.queryParameters(request.uri());
        if (query.containsKey("X-Amz-Algorithm")) {
            return fromQuery(query, request, expectedService, now);
        }
        throw AccessErrors.missingToken();
    }

    private static SignatureParts fromHeader(String auth, SignedRequest request, String expectedService,
            Instant now) {
        String trimmed = auth.trim();
        int space = trimmed.indexOf(' ');
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        // The comma-separated name=value pairs after the algorithm, names and values trimmed, a later pair of
        // the same name winning; only these three names are ever read.
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (int from = space + 1; space > 0 && from <= trimmed.length(); ) {
            int comma = trimmed.indexOf(',', from);
            int end = comma < 0 ? trimmed.length() : comma;
            int eq = trimmed.indexOf('=', from);
            if (eq > from && eq < end) {
                String name = trimmed.substring(from, eq).trim();
                String value = trimmed.substring(eq + 1, end).trim();
                switch (name) {
                    case "Credential" -> credential = value;
                    case "SignedHeaders" -> signedHeaders = value;
                    case "Signature" -> signature = value;
                    default -> { }
                }
            }
            from = end + 1;
        }
        String amzDate = request.header("X-Amz-Date");
        String date = request.header("Date");
        StringBuilder missing = null;
        if (credential == null || credential.isEmpty()) {
            missing = missing("Credential", missing);
        }
        if (signature == null || signature.isEmpty()) {
            missing = missing("Signature", missing);
        }
        if (signedHeaders == null || signedHeaders.isEmpty()) {
            missing = missing("SignedHeaders", missing);
        }
        if (amzDate == null && date == null) {
            missing = missing == null ? new StringBuilder() : missing;
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing != null) {
            throw AccessErrors.incomplete(missing + "Authorization=" + auth);
        }
        Instant instant = amzDate != null ? basicTime(amzDate) : httpDate(date);
        String time = amzDate != null ? amzDate : BASIC.format(instant.atZone(ZoneOffset.UTC));
        return complete(algorithm, credential, signedHeaders, signature,
                time, instant, null, request.header("X-Amz-Security-Token"), false, expectedService, now);
    }

    private static StringBuilder missing(String name, StringBuilder missing) {
        return (missing == null ? new StringBuilder() : missing).append("Authorization header requires '")
                .append(name).append("' parameter. ");
    }

    private static SignatureParts fromQuery(Map<String, String> query, SignedRequest request, String expectedService,
            Instant now) {
        StringBuilder missing = new StringBuilder();
        for (String name : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders",
                "X-Amz-Date")) {
            if (query.get(name) == null || query.get(name).isEmpty()) {
                missing.append("AWS query-string parameters must include '").append(name).append("'. ");
            }
        }
        if (missing.length() > 0) {
            throw AccessErrors.incomplete(missing + "Re-examine the query-string parameters.");
        }
        String amzDate = query.get("X-Amz-Date");
        Long expires = null;
        if (query.get("X-Amz-Expires") != null) {
            try {
                expires = Long.parseLong(query.get("X-Amz-Expires"));
            } catch (NumberFormatException e) {
                throw AccessErrors.incomplete("X-Amz-Expires must be non-negative integer number of seconds. Got '"
                        + query.get("X-Amz-Expires") + "'.");
            }
        }
        String token = query.getOrDefault("X-Amz-Security-Token", request.header("X-Amz-Security-Token"));
        return complete(query.get("X-Amz-Algorithm"), query.get("X-Amz-Credential"), query.get("X-Amz-SignedHeaders"),
                query.get("X-Amz-Signature"), amzDate, basicTime(amzDate), expires, token, true, expectedService, now);
    }

    private static SignatureParts complete(String algorithm, String credential, String signedHeaders,
            String signature, String time, Instant instant, Long expires, String token, boolean presigned,
            String expectedService, Instant now) {
        checkTime(instant, expires, now);
        boolean hostSigned = false;
        for (int from = 0; from <= signedHeaders.length() && !hostSigned; ) {
            int end = signedHeaders.indexOf(';', from);
            end = end < 0 ? signedHeaders.length() : end;
            hostSigned = end - from == 4 && signedHeaders.regionMatches(true, from, "host", 0, 4);
            from = end + 1;
        }
        if (!hostSigned) {
            throw AccessErrors.invalidSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!algorithm.equals(ALGORITHM)) {
            throw AccessErrors.incomplete("Unsupported AWS 'algorithm': '" + algorithm
                    + "' (only AWS4-HMAC-SHA256 for now). ");
        }
        String trimmed = credential;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String[] scope = trimmed.split("/", -1);
        if (scope.length != 5) {
            throw AccessErrors.incomplete("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + trimmed + "'");
        }
        StringBuilder wrong = new StringBuilder();
        if (!validRegion(scope[2])) {
            wrong.append("Credential should be scoped to a valid region, not '").append(scope[2]).append("'. ");
        }
        if (!scope[3].equals(expectedService)) {
            wrong.append("Credential should be scoped to correct service: '").append(expectedService).append("'. ");
        }
        if (!scope[4].equals("aws4_request")) {
            wrong.append("Credential should be scoped with a valid terminator: 'aws4_request', not '")
                    .append(scope[4]).append("'. ");
        }
        if (!time.startsWith(scope[1]) || scope[1].length() != 8) {
            wrong.append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '")
                    .append(scope[1]).append("' != '").append(time, 0, 8).append("', from '").append(time)
                    .append("'.");
        }
        if (wrong.length() > 0) {
            throw AccessErrors.invalidSignature(wrong.toString().trim());
        }
        return new SignatureParts(scope[0], scope[1], scope[2], scope[3], signedHeaders, signature, time, instant,
                expires, token, presigned, trimmed.substring(scope[0].length() + 1));
    }

    /** Whether {@code region} matches {@link #REGION}: up to 32 of [a-z0-9-] always do, longer ones are matched. */
    private static boolean validRegion(String region) {
        if (region.isEmpty() || region.length() > 32) {
            return REGION.matcher(region).matches();
        }
        for (int i = 0; i < region.length(); i++) {
            char c = region.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * DynamoDB accepts a signing time up to 15 minutes either side of its clock; a presigned request stays
     * valid for its X-Amz-Expires seconds after it.
     */
    private static void checkTime(Instant signed, Long expires, Instant now) {
        Instant earliest = now.minus(SKEW);
        Instant end = expires == null ? signed : signed.plusSeconds(expires);
        if (end.isBefore(earliest)) {
            throw AccessErrors.invalidSignature("Signature expired: " + basic(end) + " is now earlier than "
                    + basic(earliest) + " (" + basic(now) + " - 15 min.)");
        }
        Instant latest = now.plus(SKEW);
        if (signed.isAfter(latest)) {
            throw AccessErrors.invalidSignature("Signature not yet current: " + basic(signed)
                    + " is still later than " + basic(latest) + " (" + basic(now) + " + 15 min.)");
        }
    }

    private static String basic(Instant instant) {
        return BASIC.format(instant.atZone(ZoneOffset.UTC));
    }

    /**
     * {@code yyyyMMdd'T'HHmmss'Z'} as {@link #BASIC} parses it. The common case (every field plainly in range,
     * day up to 28) is read directly; anything else goes to the formatter, which decides as before.
     */
    private static Instant basicTime(String value) {
        if (value.length() == 16 && value.charAt(8) == 'T' && value.charAt(15) == 'Z') {
            int year = digits(value, 0, 4);
            int month = digits(value, 4, 6);
            int day = digits(value, 6, 8);
            int hour = digits(value, 9, 11);
            int minute = digits(value, 11, 13);
            int second = digits(value, 13, 15);
            if (year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59) {
                long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second);
            }
        }
        return parsedBasicTime(value);
    }

    /** The decimal number written in {@code value[from, to)}, or -1 when a character there is not a digit. */
    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static Instant parsedBasicTime(String value) {
        try {
            return LocalDateTime.parse(value, BASIC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw badDate(value);
        }
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw badDate(value);
        }
    }

    private static RuntimeException badDate(String value) {
        return AccessErrors.incomplete("Date must be in ISO-8601 'basic format'. Got '" + value
                + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
}
