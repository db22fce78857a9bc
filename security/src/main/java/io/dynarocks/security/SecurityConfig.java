package io.dynarocks.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The security options of a server, all off by default.
 *
 * @param authFile credentials file ({@code --auth}); null for none
 * @param authKeys {@code ACCESS_KEY:SECRET[:POLICY_FILE]} specs ({@code --auth-key})
 */
public record SecurityConfig(Path authFile, List<String> authKeys) {

    public static SecurityConfig none() {
        return new SecurityConfig(null, List.of());
    }

    /** Whether requests must be signed: a credentials file or at least one key was given. */
    public boolean authEnabled() {
        return authFile != null || !authKeys.isEmpty();
    }

    public SecurityConfig withAuthFile(Path file) {
        return new SecurityConfig(file, authKeys);
    }

    public SecurityConfig withAuthKey(String spec) {
        List<String> all = new ArrayList<>(authKeys);
        all.add(spec);
        return new SecurityConfig(authFile, List.copyOf(all));
    }
}
