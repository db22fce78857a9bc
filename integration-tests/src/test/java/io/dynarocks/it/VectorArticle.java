package io.dynarocks.it;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSearchVectorsHashKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbVectorAttribute;
import software.amazon.awssdk.enhanced.dynamodb.model.DistanceFunction;

/** An enhanced-client bean with an embedding, searched through a vector index partitioned by topic. */
@DynamoDbBean
public class VectorArticle {
    private String id;
    private String topic;
    private List<Float> embedding;

    public VectorArticle() {}

    public VectorArticle(String id, String topic, List<Float> embedding) {
        this.id = id;
        this.topic = topic;
        this.embedding = embedding;
    }

    @DynamoDbPartitionKey
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }

    @DynamoDbSearchVectorsHashKey(indexNames = "article-embedding")
    public String getTopic() { return topic; }
    public void setTopic(String topic) { this.topic = topic; }

    @DynamoDbVectorAttribute(indexName = "article-embedding", dimensions = 3, distanceFunction = DistanceFunction.COSINE)
    public List<Float> getEmbedding() { return embedding; }
    public void setEmbedding(List<Float> embedding) { this.embedding = embedding; }
}
