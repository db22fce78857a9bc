package io.dynarocks.engine.partiql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.KeyCondition;
import io.dynarocks.protocol.operation.ParameterizedStatement;
import io.dynarocks.protocol.operation.ReturnValues;
import io.dynarocks.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private Engine engine;
    private Planner planner;

    @BeforeEach
    void table() {
        engine = new Engine(new MemoryStorage(), Clock.systemUTC());
        new OperationRegistry(engine).handle(OperationRegistry.DYNAMODB + ".CreateTable", ("{\"TableName\":\"Tab\","
                + "\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
                + "\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],\"KeySchema\":["
                + "{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        planner = new Planner(engine);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Plan plan(String statement, AttributeValue... parameters) {
        return planner.plan(new ParameterizedStatement(statement, List.of(parameters), false, false), null);
    }

    @Test
    void aSelectFixingThePartitionKeyIsAQueryWithTheSortKeyAsItsRange() {
        Plan.Select s = (Plan.Select) plan("SELECT * FROM Tab WHERE x = 1 AND ? = pk AND sk > 5", AttributeValue.s("a"));
        assertThat(s.partitions()).containsExactly(AttributeValue.s("a"));
        assertThat(s.sortKey()).isEqualTo(new KeyCondition.Part("sk", KeyCondition.Operator.GT,
                List.of(AttributeValue.n("5"))));
        assertThat(s.filter()).isNotNull();
        assertThat(s.fullKey()).isFalse();
    }

    @Test
    void equalitiesOnTheWholeKeyReadOneItem() {
        Plan.Select s = (Plan.Select) plan("SELECT * FROM Tab WHERE pk = 'a' AND sk = 1");
        assertThat(s.fullKey()).isTrue();
        assertThat(s.keyOnly()).isTrue();
        assertThat(s.key()).isEqualTo(Map.of("pk", AttributeValue.s("a"), "sk", AttributeValue.n("1")));
    }

    @Test
    void orsAndInListsOfPartitionKeysQueryEachKey() {
        assertThat(((Plan.Select) plan("SELECT * FROM Tab WHERE pk = 'a' OR pk = 'b'")).partitions())
                .containsExactly(AttributeValue.s("a"), AttributeValue.s("b"));
        assertThat(((Plan.Select) plan("SELECT * FROM Tab WHERE pk IN ['a', 'b', 'a']")).partitions())
                .containsExactly(AttributeValue.s("a"), AttributeValue.s("b"));
    }

    @Test
    void aTableIsNamedByItsArnInTheEnginesAccountAsByItsName() {
        String arn = "\"arn:aws:dynamodb:us-east-1:" + engine.accountId() + ":table/Tab\"";
        assertThat(plan("SELECT * FROM " + arn + " WHERE pk = 'a'").tableName()).isEqualTo("Tab");
        assertThat(plan("INSERT INTO " + arn + " VALUE {'pk': 'a', 'sk': 1}").tableName()).isEqualTo("Tab");
        assertThat(plan("UPDATE " + arn + " SET x = 1 WHERE pk = 'a' AND sk = 1").tableName()).isEqualTo("Tab");
        assertThat(plan("DELETE FROM " + arn + " WHERE pk = 'a' AND sk = 1").tableName()).isEqualTo("Tab");
        assertThat(plan("EXISTS(SELECT * FROM " + arn + " WHERE pk = 'a' AND sk = 1 AND x = 1)").tableName())
                .isEqualTo("Tab");
    }

    @Test
    void anotherAccountsTableArnNamesNoTable() {
        assertThatThrownBy(() -> plan("SELECT * FROM \"arn:aws:dynamodb:us-east-1:111122223333:table/Tab\""))
                .isInstanceOfSatisfying(DynamoException.class, e ->
                        assertThat(e.type()).isEqualTo("ResourceNotFoundException"));
    }

    @Test
    void anythingElseIsAScan() {
        assertThat(((Plan.Select) plan("SELECT * FROM Tab WHERE pk > 'a'")).partitions()).isNull();
        assertThat(((Plan.Select) plan("SELECT * FROM Tab WHERE pk = 'a' OR x = 1")).partitions()).isNull();
        assertThat(((Plan.Select) plan("SELECT * FROM Tab")).partitions()).isNull();
    }

    @Test
    void updateAndDeleteNeedTheWholeKeyAndKeepTheRestAsTheirCondition() {
        Plan.Modify m = (Plan.Modify) plan("UPDATE Tab SET a = 1 WHERE sk = 2 AND pk = 'k' AND b = 3 RETURNING ALL OLD *");
        assertThat(m.request().key()).isEqualTo(Map.of("pk", AttributeValue.s("k"), "sk", AttributeValue.n("2")));
        assertThat(m.request().returnValues()).isEqualTo(ReturnValues.ALL_OLD);
        assertThat(m.condition().test(Map.of("pk", AttributeValue.s("k"), "b", AttributeValue.n("3")))).isTrue();
        assertThat(m.condition().test(Map.of())).as("the item must exist").isFalse();
        assertThatThrownBy(() -> plan("DELETE FROM Tab WHERE pk = 'k'"))
                .hasMessage("Where clause does not contain a mandatory equality on all key attributes");
    }

    @Test
    void orderByNeedsAQueryAndAKeyAttribute() {
        assertThat(((Plan.Select) plan("SELECT * FROM Tab WHERE pk = 'a' ORDER BY sk DESC")).descending()).isTrue();
        assertThatThrownBy(() -> plan("SELECT * FROM Tab WHERE pk = 'a' ORDER BY x"))
                .hasMessage("Attribute x in ORDER BY clause must be part of the primary key");
        assertThatThrownBy(() -> plan("SELECT * FROM Tab ORDER BY sk"))
                .hasMessage("Must have WHERE clause in the statement when using ORDER BY clause.");
        assertThatThrownBy(() -> plan("SELECT * FROM Tab WHERE pk > 'a' ORDER BY sk"))
                .hasMessage("Must have at least one non-optional hash key condition in WHERE clause when using "
                        + "ORDER BY clause.");
    }

    @Test
    void existsIsAConditionCheckOfTheItemItsKeyNames() {
        Plan.Check c = (Plan.Check) plan("EXISTS(SELECT * FROM Tab WHERE pk = ? AND sk = 1 AND v > 2)",
                AttributeValue.s("k"));
        assertThat(c.request().key()).isEqualTo(Map.of("pk", AttributeValue.s("k"), "sk", AttributeValue.n("1")));
        assertThat(c.condition().test(Map.of("pk", AttributeValue.s("k"), "v", AttributeValue.n("3")))).isTrue();
        assertThat(c.condition().test(Map.of("pk", AttributeValue.s("k"), "v", AttributeValue.n("1")))).isFalse();
        assertThat(c.condition().test(Map.of())).as("an absent item does not exist").isFalse();
    }

    @Test
    void existsNeedsTheFullKeyAndAFurtherConditionOnTheTable() {
        for (String s : List.of("EXISTS(SELECT * FROM Tab WHERE pk = 'k' AND sk = 1)",
                "EXISTS(SELECT * FROM Tab WHERE pk = 'k' AND v = 1)")) {
            assertThatThrownBy(() -> plan(s))
                    .hasMessage("EXISTS() must contain a single item read with additional condition");
        }
        assertThatThrownBy(() -> plan("EXISTS(SELECT * FROM Tab.idx WHERE pk = 'k' AND sk = 1 AND v = 1)"))
                .hasMessage("Operations on indices are not supported in transactions");
    }

    @Test
    void whereClauseFunctionsAreDynamoDbsOnly() {
        assertThatThrownBy(() -> plan("SELECT * FROM Tab WHERE pk = 'a' AND EXISTS(v)"))
                .hasMessage("Unrecognized function: exists at 1:38:6");
        assertThatThrownBy(() -> plan("SELECT * FROM Tab WHERE pk = 'a' AND attribute_exists('v')"))
                .hasMessage("Operator or function requires a document path; operator or function: attribute_exists");
        assertThatThrownBy(() -> plan("SELECT * FROM Tab WHERE pk = 'a' AND attribute_exists()"))
                .hasMessage("Incorrect number of operands for operator or function; operator or function: "
                        + "attribute_exists, number of operands: 0");
        Plan.Select s = (Plan.Select) plan("SELECT * FROM Tab WHERE pk = 'a' AND attribute_not_exists(v)");
        assertThat(s.filter()).isNotNull();
    }

    @Test
    void setAddMustAssignTheSetItNames() {
        assertThatThrownBy(() -> plan("UPDATE Tab SET t = set_add(ss, <<'x'>>) WHERE pk = 'a' AND sk = 1"))
                .hasMessage("The first argument to SET_ADD must equal the assignment value at 1:20:7");
        assertThatThrownBy(() -> plan("UPDATE Tab SET ss = set_delete(ss) WHERE pk = 'a' AND sk = 1"))
                .hasMessage("SET_DELETE must have exactly two arguments at 1:21:10");
    }

    @Test
    void aDeleteReturnsOnlyAllOld() {
        assertThatThrownBy(() -> plan("DELETE FROM Tab WHERE pk = 'x' AND sk = 1 RETURNING MODIFIED OLD *"))
                .hasMessage("Invalid returning clause: RETURNING MODIFIED OLD *. Only RETURNING ALL OLD * is allowed "
                        + "in DELETE statements.");
    }

    @Test
    void anIndexQualifierNamingNoIndexIsRefusedWithoutTheName() {
        assertThatThrownBy(() -> plan("SELECT * FROM Tab.\"nope\" WHERE pk = 'p'"))
                .hasMessage("The table does not have the specified index");
    }
}
