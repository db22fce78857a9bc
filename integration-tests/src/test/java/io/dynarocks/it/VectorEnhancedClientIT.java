package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.SearchResultItem;
import software.amazon.awssdk.enhanced.dynamodb.model.SearchVectorsEnhancedResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.VectorIndexDescription;

/** The enhanced client's DynamoDbVectorIndex against a vector index it created from bean annotations. */
class VectorEnhancedClientIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void enhancedClientCreatesTheVectorIndexFromAnnotationsAndSearchesIt() {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(SERVER.client()).build();
        DynamoDbTable<VectorArticle> table = enhanced.table("Articles", TableSchema.fromBean(VectorArticle.class));
        table.createTable();
        VectorIndexDescription index = SERVER.client().describeTable(b -> b.tableName("Articles")).table()
                .vectorIndexes().get(0);
        assertThat(index.indexName()).isEqualTo("article-embedding");
        assertThat(index.dimensions()).isEqualTo(3);
        assertThat(index.searchSchema()).extracting(e -> e.attributeName()).containsExactly("topic");

        table.putItem(new VectorArticle("a1", "space", List.of(1f, 0f, 0f)));
        table.putItem(new VectorArticle("a2", "space", List.of(0f, 1f, 0f)));
        table.putItem(new VectorArticle("a3", "food", List.of(1f, 0f, 0f)));

        SearchVectorsEnhancedResponse<VectorArticle> response = table.vectorIndex("article-embedding")
                .searchVectorsWithResponse(b -> b.searchVector(new float[] {0.9f, 0.1f, 0f}).topK(5)
                        .searchConditionExpression(Expression.builder().expression("topic = :t")
                                .expressionValues(Map.of(":t", AttributeValue.fromS("space"))).build()));
        assertThat(response.results()).extracting(r -> r.item().getId()).containsExactly("a1", "a2");
        SearchResultItem<VectorArticle> best = response.results().get(0);
        assertThat(best.item().getEmbedding()).containsExactly(1f, 0f, 0f);
        assertThat(best.score()).isLessThan(response.results().get(1).score());
    }
}
