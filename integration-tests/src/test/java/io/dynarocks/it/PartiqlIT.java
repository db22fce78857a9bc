package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** ExecuteStatement: PartiQL SELECT, INSERT, UPDATE and DELETE through the low-level and enhanced clients. */
class PartiqlIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void tables() {
        Tables.hashTable(SERVER.client(), "Things");
        Tables.compositeTable(SERVER.client(), "Events");
        Tables.compositeTable(SERVER.client(), "Shapes");
        Tables.compositeTable(SERVER.client(), "Large");
        for (int sk = 1; sk <= 10; sk++) {
            int n = sk;
            SERVER.client().putItem(b -> b.tableName("Events").item(Map.of("pk", s("stream"),
                    "sk", AttributeValue.fromN(Integer.toString(n)), "even", AttributeValue.fromBool(n % 2 == 0))));
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private ExecuteStatementResponse run(String statement, AttributeValue... parameters) {
        return client.executeStatement(b -> {
            b.statement(statement);
            if (parameters.length > 0) {
                b.parameters(parameters);
            }
        });
    }

    private Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        return client.getItem(b -> b.tableName(table).key(key)).item();
    }

    private static List<String> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("sk").n()).toList();
    }

    @Test
    void insertWritesTheItemAndSelectByKeyReadsIt() {
        ExecuteStatementResponse inserted = run("INSERT INTO \"Things\" VALUE {'pk': 'a', 'n': 1, 'tags': <<'x', 'y'>>, "
                + "'m': {'l': [1, 'two', true, null]}}");
        assertThat(inserted.items()).isEmpty();
        Map<String, AttributeValue> item = run("SELECT * FROM \"Things\" WHERE pk = 'a'").items().get(0);
        assertThat(item).containsEntry("n", n("1")).containsEntry("tags", AttributeValue.fromSs(List.of("x", "y")));
        assertThat(item.get("m").m().get("l").l())
                .containsExactly(n("1"), s("two"), AttributeValue.fromBool(true), AttributeValue.fromNul(true));
    }

    @Test
    void insertOfAnExistingItemFailsWithDuplicateItemException() {
        run("INSERT INTO Things VALUE {'pk': 'dup', 'v': 1}");
        assertThatThrownBy(() -> run("INSERT INTO Things VALUE {'pk': 'dup', 'v': 2}"))
                .isInstanceOf(DuplicateItemException.class)
                .hasMessageStartingWith("Duplicate primary key exists in table");
        assertThat(get("Things", Map.of("pk", s("dup")))).containsEntry("v", n("1"));
    }

    @Test
    void parametersAreBoundInOrder() {
        run("INSERT INTO \"Things\" VALUE {'pk': ?, 'b': ?}", s("param"),
                AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromUtf8String("bytes")));
        assertThat(run("SELECT b FROM Things WHERE pk = ?", s("param")).items())
                .containsExactly(Map.of("b", AttributeValue.fromB(
                        software.amazon.awssdk.core.SdkBytes.fromUtf8String("bytes"))));
        assertThatThrownBy(() -> run("SELECT * FROM Things WHERE pk = ?"))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Number of parameters in request and statement don't match.");
    }

    @Test
    void selectWithThePartitionKeyIsAQueryInSortKeyOrder() {
        assertThat(sortKeys(run("SELECT * FROM Events WHERE pk = 'stream' AND sk BETWEEN 3 AND 5").items()))
                .containsExactly("3", "4", "5");
        assertThat(sortKeys(run("SELECT * FROM Events WHERE pk = 'stream' AND sk > 7 ORDER BY sk DESC").items()))
                .containsExactly("10", "9", "8");
        assertThat(sortKeys(run("SELECT sk FROM Events WHERE pk = 'stream' AND even = true AND sk <= 6").items()))
                .containsExactly("2", "4", "6");
        assertThat(sortKeys(run("SELECT sk FROM Events WHERE pk = 'stream' AND sk > 2 AND sk < 6").items()))
                .containsExactly("3", "4", "5");
    }

    @Test
    void selectWithoutThePartitionKeyScansWithAFilter() {
        List<Map<String, AttributeValue>> items = run(
                "SELECT * FROM Events WHERE sk >= 9 OR attribute_type(even, 'S')").items();
        assertThat(sortKeys(items)).containsExactlyInAnyOrder("9", "10");
    }

    @Test
    void selectProjectsNestedPaths() {
        run("INSERT INTO Things VALUE {'pk': 'nested', 'a': {'b': [10, 20]}, 'c': 'x'}");
        assertThat(run("SELECT a.b[1], c FROM Things WHERE pk = 'nested'").items())
                .containsExactly(Map.of("a", AttributeValue.fromM(Map.of("b", AttributeValue.fromL(List.of(n("20"))))),
                        "c", s("x")));
    }

    @Test
    void selectWithInOnThePartitionKeyReadsEachPartition() {
        run("INSERT INTO Things VALUE {'pk': 'in-1'}");
        run("INSERT INTO Things VALUE {'pk': 'in-2'}");
        List<String> keys = run("SELECT pk FROM Things WHERE pk IN ['in-1', 'in-2', 'in-missing']").items().stream()
                .map(i -> i.get("pk").s()).toList();
        assertThat(keys).containsExactly("in-1", "in-2");
    }

    @Test
    void limitAndNextTokenPageThroughEveryItemOnce() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String from = token;
            ExecuteStatementResponse page = client.executeStatement(b -> b
                    .statement("SELECT * FROM Events WHERE pk = 'stream'").limit(3).nextToken(from));
            seen.addAll(sortKeys(page.items()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(pages).isEqualTo(4);

        List<String> scanned = new ArrayList<>();
        token = null;
        do {
            String from = token;
            ExecuteStatementResponse page = client.executeStatement(b -> b.statement("SELECT sk FROM Events")
                    .limit(4).nextToken(from));
            scanned.addAll(sortKeys(page.items()));
            token = page.nextToken();
        } while (token != null);
        assertThat(scanned).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }

    @Test
    void updateSetsAndRemovesAttributesAndReturnsTheNewItem() {
        run("INSERT INTO Things VALUE {'pk': 'upd', 'n': 1, 'l': [1], 'gone': 'x', 'tags': <<'a'>>, 'm': {}}");
        ExecuteStatementResponse updated = run("UPDATE Things SET n = n + 1 SET l = list_append(l, [?]) "
                + "SET m.x = 'deep' REMOVE gone SET tags = set_add(tags, <<'b'>>) WHERE pk = 'upd' "
                + "RETURNING ALL NEW *", n("2"));
        Map<String, AttributeValue> item = get("Things", Map.of("pk", s("upd")));
        assertThat(updated.items()).containsExactly(item);
        assertThat(item).containsEntry("n", n("2")).containsEntry("l", AttributeValue.fromL(List.of(n("1"), n("2"))))
                .containsEntry("tags", AttributeValue.fromSs(List.of("a", "b"))).doesNotContainKey("gone");
    }

    @Test
    void updateOfAMissingItemFailsItsCondition() {
        assertThatThrownBy(() -> run("UPDATE Things SET a = 1 WHERE pk = 'never-written'"))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(get("Things", Map.of("pk", s("never-written")))).isEmpty();
    }

    @Test
    void aFalsePredicateBesideTheKeyFailsTheWriteAndCanReturnTheItem() {
        run("INSERT INTO Things VALUE {'pk': 'cond', 'v': 1}");
        assertThatThrownBy(() -> client.executeStatement(b -> b
                .statement("UPDATE Things SET v = 2 WHERE pk = 'cond' AND v = 5")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class,
                        e -> assertThat(e.item()).containsEntry("v", n("1")));
        run("UPDATE Things SET v = 2 WHERE pk = 'cond' AND v = 1");
        assertThat(get("Things", Map.of("pk", s("cond")))).containsEntry("v", n("2"));
    }

    @Test
    void deleteRemovesTheItemAndCanReturnIt() {
        run("INSERT INTO Events VALUE {'pk': 'del', 'sk': 1, 'v': 'x'}");
        ExecuteStatementResponse deleted = run("DELETE FROM Events WHERE pk = 'del' AND sk = 1 RETURNING ALL OLD *");
        assertThat(deleted.items()).containsExactly(Map.of("pk", s("del"), "sk", n("1"), "v", s("x")));
        assertThat(get("Events", Map.of("pk", s("del"), "sk", n("1")))).isEmpty();
        assertThat(run("DELETE FROM Events WHERE pk = 'del' AND sk = 1").items()).isEmpty();
    }

    @Test
    void aWriteWhoseWhereClauseMissesAKeyAttributeIsRejected() {
        assertThatThrownBy(() -> run("DELETE FROM Events WHERE pk = 'stream'"))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Where clause does not contain a mandatory equality on all key attributes");
        assertThatThrownBy(() -> run("UPDATE Things SET a = 1 WHERE a = 2"))
                .hasMessageStartingWith("Where clause does not contain a mandatory equality on all key attributes");
    }

    @Test
    void malformedStatementsAreValidationErrorsInDynamoDbsWords() {
        assertThatThrownBy(() -> run("SELECT * FROM Things WHERE"))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Statement wasn't well formed, can't be processed: Unexpected term");
                });
        assertThatThrownBy(() -> run("SELECT * FROM Things WHERE pk = 'a' foo"))
                .hasMessageStartingWith("Statement wasn't well formed, can't be processed: Unexpected token after "
                        + "expression");
        assertThatThrownBy(() -> run("SELECT * FROM Things t WHERE pk = 'a'"))
                .hasMessageStartingWith("Aliasing is not supported");
        assertThatThrownBy(() -> run("SELECT * FROM \"Absent\" WHERE pk = 'a'"))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void capacityIsChargedAsTheEquivalentOperation() {
        ExecuteStatementResponse insert = client.executeStatement(b -> b
                .statement("INSERT INTO Things VALUE {'pk': 'cap'}").returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(insert.consumedCapacity().tableName()).isEqualTo("Things");
        assertThat(insert.consumedCapacity().capacityUnits()).isEqualTo(1.0);
        ExecuteStatementResponse query = client.executeStatement(b -> b.statement(
                "SELECT * FROM Events WHERE pk = 'stream'").consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        double queryUnits = client.query(b -> b.tableName("Events").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("stream"))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        assertThat(query.consumedCapacity().capacityUnits()).isEqualTo(queryUnits);
    }

    @Test
    void theEnhancedClientsSchemaMapsStatementItems() {
        TableSchema<Song> schema = TableSchema.fromBean(Song.class);
        DynamoDbEnhancedClient.builder().dynamoDbClient(client).build().table("PartiqlSongs", schema).createTable();
        Map<String, AttributeValue> song = schema.itemToMap(new Song("Acme Band", "Happy Day"), true);
        client.executeStatement(b -> b.statement("INSERT INTO PartiqlSongs VALUE {'artist': ?, 'title': ?}")
                .parameters(song.get("artist"), song.get("title")));
        List<Song> songs = client.executeStatement(b -> b
                .statement("SELECT * FROM PartiqlSongs WHERE artist = ?").parameters(s("Acme Band")))
                .items().stream().map(schema::mapToItem).collect(Collectors.toList());
        assertThat(songs).singleElement().satisfies(s -> assertThat(s.getTitle()).isEqualTo("Happy Day"));
    }

    @Test
    void theFromFirstFormOfUpdateUpdatesAnExistingItem() {
        run("INSERT INTO Things VALUE {'pk': 'ff', 'a': 1, 'b': 'bee'}");
        ExecuteStatementResponse r = run("FROM Things WHERE pk = ? AND a = 1 SET c = ? REMOVE b RETURNING ALL NEW *",
                s("ff"), n("7"));
        assertThat(r.items()).containsExactly(Map.of("pk", s("ff"), "a", n("1"), "c", n("7")));
        assertThatThrownBy(() -> run("FROM Things WHERE pk = 'ff' AND a = 2 SET c = 8"))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThatThrownBy(() -> run("from Things where pk = 'ff-absent' set c = 1"))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(get("Things", Map.of("pk", s("ff-absent")))).isEmpty();
    }

    @Test
    void functionsAreRefusedInTheProjectionAsDynamoDbRefusesThem() {
        assertThatThrownBy(() -> run("SELECT size(a) FROM Things WHERE pk = 'x'"))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Unexpected path component at 1:8:4"));
        assertThatThrownBy(() -> run("SELECT * FROM Things WHERE pk = 'x' AND EXISTS(a)"))
                .hasMessageStartingWith("Unrecognized function: exists at 1:41:6");
    }

    @Test
    void aDeleteMayReturnOnlyTheOldItem() {
        assertThatThrownBy(() -> run("DELETE FROM Things WHERE pk = 'x' RETURNING ALL NEW *"))
                .hasMessageStartingWith("Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is "
                        + "allowed in DELETE statements.");
    }

    @Test
    void whereFunctionsAndPredicatesFilterAsDynamoDbDoes() {
        run("INSERT INTO Shapes VALUE {'pk': 'f', 'sk': 1, 'name': 'alpha', 'tags': <<'red', 'blue'>>, 'note': null}");
        run("INSERT INTO Shapes VALUE {'pk': 'f', 'sk': 2, 'name': 'beta', 'tags': <<'red'>>}");
        run("INSERT INTO Shapes VALUE {'pk': 'f', 'sk': 3, 'name': 'alpine', 'list': [1, 2, 3]}");
        run("INSERT INTO Shapes VALUE {'pk': 'f', 'sk': 4, 'name': 'gamma', 'note': 'x'}");
        Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("begins_with(name, 'al')", List.of("1", "3"));
        expected.put("contains(tags, 'red')", List.of("1", "2"));
        expected.put("size(list) > 2", List.of("3"));
        expected.put("attribute_type(note, 'NULL')", List.of("1"));
        expected.put("note IS NOT MISSING", List.of("1", "4"));
        expected.put("note IS MISSING", List.of("2", "3"));
        // PartiQL's IS NULL holds for a NULL and for a missing attribute.
        expected.put("note IS NULL", List.of("1", "2", "3"));
        expected.put("note IS NOT NULL", List.of("4"));
        expected.put("NOT begins_with(name, 'al')", List.of("2", "4"));
        expected.put("name IN ['beta', 'gamma']", List.of("2", "4"));
        expected.put("name NOT IN ['beta', 'gamma']", List.of("1", "3"));
        expected.put("(name = 'beta' OR sk >= 4) AND name <> 'gamma'", List.of("2"));
        expected.put("sk NOT BETWEEN 2 AND 3", List.of("1", "4"));
        expected.forEach((predicate, keys) -> assertThat(
                sortKeys(run("SELECT sk FROM Shapes WHERE pk = 'f' AND " + predicate).items()))
                .as(predicate).containsExactlyElementsOf(keys));
    }

    @Test
    void orderByNamesAKeyAttributeOfAQueryOrIsRefusedInDynamoDbsWords() {
        assertThatThrownBy(() -> run("SELECT * FROM Events WHERE pk = 'stream' ORDER BY even"))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageStartingWith("Attribute even in ORDER BY clause must be part of the primary key");
        assertThatThrownBy(() -> run("SELECT * FROM Events ORDER BY sk"))
                .hasMessageStartingWith("Must have WHERE clause in the statement when using ORDER BY clause.");
        assertThatThrownBy(() -> run("SELECT * FROM Events WHERE sk > 1 ORDER BY sk"))
                .hasMessageStartingWith("Must have at least one non-optional hash key condition in WHERE clause when "
                        + "using ORDER BY clause.");
    }

    @Test
    void aSelectReturnsAtMostOneMegabyteAPageWithANextToken() {
        String big = "x".repeat(100_000);
        for (int sk = 1; sk <= 15; sk++) {
            run("INSERT INTO Large VALUE {'pk': 'big', 'sk': ?, 'data': ?}", n(Integer.toString(sk)), s(big));
        }
        ExecuteStatementResponse first = run("SELECT * FROM Large WHERE pk = 'big'");
        assertThat(first.items()).hasSizeBetween(9, 10);
        assertThat(first.nextToken()).isNotNull();
        List<String> seen = new ArrayList<>(sortKeys(first.items()));
        ExecuteStatementResponse second = client.executeStatement(b -> b
                .statement("SELECT * FROM Large WHERE pk = 'big'").nextToken(first.nextToken()));
        seen.addAll(sortKeys(second.items()));
        assertThat(second.nextToken()).isNull();
        assertThat(seen).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14",
                "15");
        ExecuteStatementResponse scanned = run("SELECT sk FROM Large");
        assertThat(scanned.nextToken()).isNotNull();
    }

    @Test
    void joinsSubqueriesAndSelectWithoutFromAreValidationErrors() {
        for (String statement : List.of("SELECT * FROM Things JOIN Events ON Things.pk = Events.pk",
                "SELECT * FROM Things, Events", "SELECT * FROM Things WHERE pk IN (SELECT pk FROM Events)",
                "SELECT *", "SELECT COUNT(*) FROM Things", "SELECT * FROM Things GROUP BY pk")) {
            assertThatThrownBy(() -> run(statement)).as(statement)
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    })
                    .hasMessageStartingWith("Statement wasn't well formed, can't be processed: ");
        }
        assertThatThrownBy(() -> run("SELECT 1 FROM Things"))
                .hasMessageStartingWith("Unexpected path component at 1:8:1");
    }

    @Test
    void anEventuallyConsistentSelectCostsHalfAConsistentOne() {
        double consistent = client.executeStatement(b -> b.statement("SELECT * FROM Events WHERE pk = 'stream'")
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().capacityUnits();
        double eventual = client.executeStatement(b -> b.statement("SELECT * FROM Events WHERE pk = 'stream'")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        assertThat(eventual).isEqualTo(consistent / 2);
        ExecuteStatementResponse get = client.executeStatement(b -> b
                .statement("SELECT * FROM Events WHERE pk = 'stream' AND sk = 1").consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(get.consumedCapacity().capacityUnits()).isEqualTo(1.0);
    }
}
