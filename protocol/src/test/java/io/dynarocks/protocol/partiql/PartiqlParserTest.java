package io.dynarocks.protocol.partiql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.Comparator;
import io.dynarocks.protocol.expression.DocumentPath;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PartiqlParserTest {

    private static final String NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: ";

    @Test
    void selectReadsProjectionTableIndexWhereAndOrderBy() {
        Statement.Select s = (Statement.Select) PartiqlParser.parseUncached(
                "select a.b[2], \"c d\" FROM \"Tab\".\"Idx\" WHERE pk = ? AND sk >= 5 ORDER BY sk DESC");
        assertThat(s.table()).isEqualTo("Tab");
        assertThat(s.index()).isEqualTo("Idx");
        assertThat(s.projection()).extracting(Expr.Path::path)
                .containsExactly(DocumentPath.of("a", "b", 2), DocumentPath.of("c d"));
        assertThat(s.where()).isEqualTo(new Expr.And(
                new Expr.Compare(Comparator.EQ, new Expr.Path(DocumentPath.of("pk")), new Expr.Parameter(0)),
                new Expr.Compare(Comparator.GE, new Expr.Path(DocumentPath.of("sk")),
                        new Expr.Literal(AttributeValue.n("5")))));
        assertThat(s.orderBy()).containsExactly(new Statement.OrderBy(new Expr.Path(DocumentPath.of("sk")), true));
        assertThat(s.parameterCount()).isEqualTo(1);
    }

    @Test
    void insertReadsAValueOfNestedLiterals() {
        Statement.Insert i = (Statement.Insert) PartiqlParser.parseUncached(
                "INSERT INTO t VALUE {'pk': 'it''s', 'n': -1.5e2, 's': <<1, 2>>, 'l': [TRUE, NULL]}");
        Expr.MapOf value = (Expr.MapOf) i.value();
        assertThat(value.keys()).containsExactly("pk", "n", "s", "l");
        assertThat(value.values().get(0)).isEqualTo(new Expr.Literal(AttributeValue.s("it's")));
        assertThat(value.values().get(1)).isEqualTo(new Expr.Literal(AttributeValue.n("-150")));
        assertThat(value.values().get(2)).isInstanceOf(Expr.SetOf.class);
    }

    @Test
    void updateReadsSetAndRemoveClausesInOrderAndReturning() {
        Statement.Update u = (Statement.Update) PartiqlParser.parseUncached(
                "UPDATE t SET a = a + 1, b = list_append(b, [?]) REMOVE c SET d = set_add(d, <<'x'>>) "
                        + "WHERE pk = 'k' RETURNING MODIFIED NEW *");
        assertThat(u.changes()).extracting(c -> c.path().path().attribute()).containsExactly("a", "b", "c", "d");
        assertThat(u.changes().get(2)).isInstanceOf(Statement.Remove.class);
        assertThat(u.returning()).isEqualTo(Statement.Returning.MODIFIED_NEW);
    }

    @Test
    void conditionsBindAsSqlDoes() {
        Statement.Delete d = (Statement.Delete) PartiqlParser.parseUncached(
                "DELETE FROM t WHERE NOT a = 1 OR b BETWEEN 1 AND 2 AND c NOT IN [1, 2] AND d IS NOT MISSING");
        Expr.Or or = (Expr.Or) d.where();
        assertThat(or.left()).isInstanceOf(Expr.Not.class);
        Expr.And and = (Expr.And) or.right();
        assertThat(and.right()).isEqualTo(new Expr.Is(new Expr.Path(DocumentPath.of("d")), true, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT * FROM \"t\" WHERE pk = 1 foo | Unexpected token after expression",
        "DELETE FROM t WHERE pk = 1 ORDER BY pk | Unexpected token after expression",
        "SELECT * FROM t WHERE | Unexpected term",
        "SELECT * FROM t WHERE NOT | Unexpected term",
        "SELECT * FROM | Unexpected term",
        "SELECT * FROM t WHERE pk = 'p1' AND | Missing right-hand side expression of infix operator",
        "SELECT * FROM t WHERE ORDER BY pk | Unexpected keyword",
        "SELECT * FROM t WHERE IS NULL | Unexpected operator",
        "DELETE FROM | Expected identifier for simple path",
        "DELETE FROM WHERE pk = 'a' | Expected identifier for simple path",
        "SELECT * FROM t WHERE pk = 1 # note | ''",
        "SELECT * FROM t WHERE pk = 1 /* note | ''",
        "SELECT * FROM t WHERE pk = 1e2147483648 | ''",
        "INSERT INTO t x VALUE {'pk': 'x'} | Unexpected token after expression",
        "SELECT a[11111111111111111111] FROM t | Unexpected term",
        "SELECT * FROM t WHERE a[2147483648] = 1 | Unexpected term",
    })
    void malformedStatementsGetDynamoDbsMessages(String statement, String detail) {
        assertThatThrownBy(() -> PartiqlParser.parseUncached(statement))
                .isInstanceOf(DynamoException.class)
                .hasMessage(NOT_WELL_FORMED + detail);
    }

    @Test
    void aTableAliasIsNotSupported() {
        for (String statement : List.of("SELECT * FROM t x WHERE pk = 'x'", "SELECT * FROM t AS x",
                "UPDATE t x SET a = 3 WHERE pk = 'x'", "DELETE FROM t x WHERE pk = 'x'")) {
            assertThatThrownBy(() -> PartiqlParser.parseUncached(statement)).hasMessage("Aliasing is not supported");
        }
    }

    @Test
    void theFromFirstFormOfUpdateReadsAsUpdate() {
        Statement.Update u = (Statement.Update) PartiqlParser.parseUncached(
                "from \"t\" where pk = ? AND a = 1 SET c = ? REMOVE b RETURNING ALL NEW *");
        assertThat(u.table()).isEqualTo("t");
        assertThat(u.changes()).extracting(c -> c.path().path().attribute()).containsExactly("c", "b");
        assertThat(u.where()).isInstanceOf(Expr.And.class);
        assertThat(u.returning()).isEqualTo(Statement.Returning.ALL_NEW);
        assertThat(u.parameterCount()).isEqualTo(2);
    }

    @Test
    void existsWrapsOneSelect() {
        Statement.Exists e = (Statement.Exists) PartiqlParser.parseUncached(
                "EXISTS(SELECT * FROM \"Music\" WHERE Artist = ? AND SongTitle = 'x' AND Awards > 1)");
        assertThat(e.table()).isEqualTo("Music");
        assertThat(e.parameterCount()).isEqualTo(1);
        assertThat(e.isRead()).isFalse();
    }

    @Test
    void aFunctionOrLiteralInTheProjectionIsAnUnexpectedPathComponentAtItsPosition() {
        assertThatThrownBy(() -> PartiqlParser.parseUncached("SELECT attribute_exists(ss) FROM t WHERE pk = 'x'"))
                .hasMessage("Unexpected path component at 1:8:16");
        assertThatThrownBy(() -> PartiqlParser.parseUncached("SELECT a,\n  size(b) FROM t"))
                .hasMessage("Unexpected path component at 2:3:4");
    }

    @Test
    void aFunctionCallKnowsWhereItIs() {
        Statement.Select s = (Statement.Select) PartiqlParser.parseUncached("SELECT * FROM t WHERE EXISTS(a)");
        assertThat(((Expr.Call) s.where()).at()).isEqualTo("1:23:6");
    }

    @Test
    void fromClausesHoldAtMostTwoNonEmptyComponents() {
        assertThatThrownBy(() -> PartiqlParser.parseUncached("SELECT * FROM \"t\".\"i\".\"x\""))
                .hasMessage("A path may contain at most 2 components in the FROM clause");
        assertThatThrownBy(() -> PartiqlParser.parseUncached("SELECT * FROM \"t\".\"\" WHERE pk = 'p'"))
                .hasMessage("Path component cannot be an empty string");
        assertThatThrownBy(() -> PartiqlParser.parseUncached("SELECT * FROM \"\" WHERE pk = 'p'"))
                .hasMessage("Path component cannot be an empty string");
    }

    @Test
    void bracketsAndNotsNestAtMostOneHundredLevels() {
        PartiqlParser.parseUncached("SELECT * FROM t WHERE " + "(".repeat(100) + "a = 1" + ")".repeat(100));
        PartiqlParser.parseUncached("SELECT * FROM t WHERE " + "NOT ".repeat(100) + "a = 1");
        PartiqlParser.parseUncached("INSERT INTO t VALUE {'a': " + "[".repeat(99) + "]".repeat(99) + "}");
        String detail = "Nesting levels have exceeded supported limits: brackets and NOTs may be nested at most 100 "
                + "levels deep";
        for (String statement : new String[] {
                "SELECT * FROM t WHERE " + "(".repeat(101) + "a = 1" + ")".repeat(101),
                "SELECT * FROM t WHERE " + "NOT ".repeat(101) + "a = 1",
                "INSERT INTO t VALUE {'a': " + "[".repeat(100) + "]".repeat(100) + "}",
                "INSERT INTO t VALUE {'a': " + "<<".repeat(100) + "1" + ">>".repeat(100) + "}",
                "SELECT * FROM t WHERE a = " + "size(".repeat(101) + "b" + ")".repeat(101)}) {
            assertThatThrownBy(() -> PartiqlParser.parseUncached(statement)).isInstanceOf(DynamoException.class)
                    .hasMessage(PartiqlParser.NOT_WELL_FORMED + detail);
        }
    }

    @Test
    void aStatementHasAtMostThreeHundredOperators() {
        PartiqlParser.parseUncached("SELECT * FROM t WHERE a = 1" + " AND b = 2".repeat(150) + " OR c = 3".repeat(150));
        for (String statement : new String[] {
                "SELECT * FROM t WHERE a = 1" + " AND b = 2".repeat(151) + " OR c = 3".repeat(150),
                "UPDATE t SET a = a" + " + 1".repeat(301) + " WHERE pk = 'k'"}) {
            assertThatThrownBy(() -> PartiqlParser.parseUncached(statement)).isInstanceOf(DynamoException.class)
                    .hasMessage(PartiqlParser.NOT_WELL_FORMED + "Too many operators: a statement may have at most 300 "
                            + "AND, OR, + and - operators");
        }
    }

    @Test
    void cacheEvictsPastItsSizeInsteadOfClearingAndStaysBounded() {
        String hot = "SELECT * FROM cache_hot WHERE pk = 'hot'";
        Statement first = PartiqlParser.parse(hot);
        // A hot statement among three times the cache's size of one-off ones: clearing the whole cache when full
        // would drop it and parse it again; eviction keeps it, and keeps the cache at its size.
        for (int i = 0; i < 3 * PartiqlParser.MAX_CACHED; i++) {
            PartiqlParser.parse("SELECT * FROM cache_cold WHERE pk = 'k" + i + "'");
            assertThat(PartiqlParser.parse(hot)).isSameAs(first);
        }
        assertThat(PartiqlParser.cachedCount()).isEqualTo(PartiqlParser.MAX_CACHED);
    }
}
