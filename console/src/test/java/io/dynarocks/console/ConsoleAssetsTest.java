package io.dynarocks.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleAssetsTest {

    private final ConsoleAssets assets = new ConsoleAssets();

    @Test
    void consoleRootServesThePage() {
        assertThat(assets.find("/console")).hasValueSatisfying(a -> {
            assertThat(a.contentType()).startsWith("text/html");
            assertThat(new String(a.body(), StandardCharsets.UTF_8)).contains("<script type=\"importmap\">");
        });
        assertThat(assets.find("/console/")).isPresent();
    }

    @Test
    void vendoredModulesAreServedAsJavaScript() {
        assertThat(assets.find("/console/vendor/preact/preact.module.js"))
                .hasValueSatisfying(a -> assertThat(a.contentType()).startsWith("text/javascript"));
        assertThat(assets.find("/console/vendor/preact/hooks.module.js")).isPresent();
        assertThat(assets.find("/console/vendor/htm.module.js")).isPresent();
    }

    @Test
    void pathsOutsideTheConsoleOrEscapingItAreNotServed() {
        assertThat(assets.find("/")).isEmpty();
        assertThat(assets.find("/consoles/index.html")).isEmpty();
        assertThat(assets.find("/console/../io/dynarocks/console/ConsoleAssets.class")).isEmpty();
        assertThat(assets.find("/console/ConsoleAssets.class")).isEmpty();
        assertThat(assets.find("/console/missing.js")).isEmpty();
        assertThat(assets.find("/console//etc/passwd")).isEmpty();
    }
}
