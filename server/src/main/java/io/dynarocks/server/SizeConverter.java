package io.dynarocks.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads a CLI size in bytes: {@code 4096}, {@code 512KB}, {@code 96MB}, {@code 2GB} (binary multiples). */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KB|K|MB|M|GB|G)");

    @Override
    public Long convert(String value) {
        Matcher m = SIZE.matcher(value.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size (e.g. 512KB, 96MB, 1GB)");
        }
        int shift = switch (m.group(2)) {
            case "KB", "K" -> 10;
            case "MB", "M" -> 20;
            case "GB", "G" -> 30;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is too large");
        }
    }
}
