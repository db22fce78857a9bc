package io.dynarocks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.streams.StreamWebhook;
import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StreamWebhookConverterTest {

    private final StreamWebhookConverter converter = new StreamWebhookConverter();

    @Test
    void readsTableEqualsUrlWithTheDefaultPolicy() {
        StreamWebhook hook = converter.convert("Orders=http://127.0.0.1:9000/events?x=a=b");
        assertThat(hook.tableName()).isEqualTo("Orders");
        assertThat(hook.url()).isEqualTo(URI.create("http://127.0.0.1:9000/events?x=a=b"));
        assertThat(hook.options()).isEqualTo(StreamWebhook.DEFAULT_OPTIONS);
    }

    @Test
    void streamWebhookOptionIsRepeatable() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--stream-webhook", "A=http://h/a", "--stream-webhook", "B=https://h/b");
        assertThat(main.streamWebhooks).extracting(StreamWebhook::tableName).containsExactly("A", "B");
        assertThat(new Main().streamWebhooks).isEmpty();
    }

    @Test
    void rejectsWhatIsNotTableEqualsHttpUrl() {
        for (String bad : new String[] {"Orders", "=http://h/", "Orders=ftp://h/", "Orders=not a url"}) {
            assertThatThrownBy(() -> converter.convert(bad)).as(bad)
                    .isInstanceOf(CommandLine.TypeConversionException.class);
        }
    }
}
