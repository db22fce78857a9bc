package io.dynarocks.backup;

/** Receives one key changed in a time window: its last change time, its image before and after (null: absent). */
@FunctionalInterface
public interface ChangeSink {
    void accept(long lastChangeMillis, byte[] relativeKey, byte[] before, byte[] after);
}
