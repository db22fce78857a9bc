package io.dynarocks.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemSizeTest {

    @Test
    void stringsCountUtf8BytesOfNamesAndValues() {
        assertThat(ItemSize.of(Map.of("ab", AttributeValue.s("xyz")))).isEqualTo(5);
        assertThat(ItemSize.of(Map.of("a", AttributeValue.s("é")))).isEqualTo(3);
    }

    @Test
    void documentsCostThreeBytesPlusOnePerElement() {
        AttributeValue list = new AttributeValue.L(List.of(new AttributeValue.BOOL(true), new AttributeValue.NULL()));
        assertThat(ItemSize.of(list)).isEqualTo(3 + 2 + 2);
        AttributeValue map = new AttributeValue.M(Map.of("k", AttributeValue.s("v")));
        assertThat(ItemSize.of(map)).isEqualTo(3 + 1 + 1 + 1);
    }

    @Test
    void numbersTakeAboutOneBytePerTwoDigits() {
        assertThat(ItemSize.of(AttributeValue.n("0"))).isEqualTo(1);
        assertThat(ItemSize.of(AttributeValue.n("1"))).isEqualTo(2);
        assertThat(ItemSize.of(AttributeValue.n("12"))).isEqualTo(2);
        assertThat(ItemSize.of(AttributeValue.n("123"))).isEqualTo(3);
        assertThat(ItemSize.of(AttributeValue.n("-1"))).isEqualTo(3);
    }
}
