package io.dynarocks.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dynarocks.protocol.partiql.PartiqlParser;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/** Coverage-guided fuzzing of the PartiQL parser: a statement or DynamoDB's ValidationException, nothing else. */
class PartiqlFuzzTest {

    @DictionaryEntries({"SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "BETWEEN", "MISSING", "NULL",
            "TRUE", "FALSE", "INSERT", "INTO", "VALUE", "UPDATE", "SET", "REMOVE", "DELETE", "RETURNING",
            "ALL OLD *", "MODIFIED NEW *", "ORDER BY", "ASC", "DESC", "*", "?", "'", "''", "\"", "\"\"", "{", "}",
            "<<", ">>", "[", "]", ":", ",", ".", "=", "<>", "<", "<=", ">", ">=", "+", "-", "1e126", "-1.5e-130",
            "begins_with(", "contains(", "attribute_exists(", "attribute_type(", "size(", "list_append(",
            "set_add(", "set_delete(", "\"t\".\"i\"", "a.b[0]", "--", "/*", "*/"})
    @Timeout(10)
    @FuzzTest(maxDuration = "10s")
    void statementsAreParsedOrRefusedWithValidationException(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        FuzzChecks.onlyClientErrors(() -> PartiqlParser.parseUncached(text), Set.of("ValidationException"));
    }
}
