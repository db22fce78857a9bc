package io.dynarocks.protocol.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

    @Test
    void tableNameOfLettersDigitsAndUnderscoreDotDashIsValid() {
        new Constraints().tableName("My_table.v-2", "tableName").check();
    }

    @Test
    void tableNameWithOtherCharactersFailsThePattern() {
        assertThatThrownBy(() -> new Constraints().tableName("bad name", "tableName").check())
                .hasMessage("1 validation error detected: Value 'bad name' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void emptyTableNameFailsThePatternAndTheLength() {
        assertThatThrownBy(() -> new Constraints().tableName("", "tableName").check())
                .hasMessage("2 validation errors detected: Value '' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value '' at 'tableName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 3");
    }

    @Property(tries = 500)
    void tableNameIsCheckedAsDynamoDbsPatternIs(@ForAll @StringLength(min = 3, max = 12) String name) {
        boolean matches = Pattern.compile("[a-zA-Z0-9_.-]+").matcher(name).matches();
        try {
            new Constraints().tableName(name, "tableName").check();
            assertThat(matches).isTrue();
        } catch (io.dynarocks.protocol.DynamoException e) {
            assertThat(matches).isFalse();
            assertThat(e.getMessage()).contains("regular expression pattern");
        }
    }
}
