package io.dynarocks.server;

import io.dynarocks.streams.StreamWebhook;
import picocli.CommandLine;

/** Reads a CLI stream webhook: {@code TABLE=URL}. */
final class StreamWebhookConverter implements CommandLine.ITypeConverter<StreamWebhook> {

    @Override
    public StreamWebhook convert(String value) {
        try {
            return StreamWebhook.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
