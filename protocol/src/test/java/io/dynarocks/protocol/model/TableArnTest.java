package io.dynarocks.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableArnTest {

    @Test
    void aTableArnGivesItsRegionAccountAndTableName() {
        assertThat(TableArn.parse("arn:aws:dynamodb:eu-west-1:111122223333:table/My.Table-1"))
                .contains(new TableArn("eu-west-1", "111122223333", "My.Table-1"));
    }

    @Test
    void namesIndexAndStreamArnsAndMalformedArnsAreNoTableArn() {
        assertThat(TableArn.parse("Music")).isEmpty();
        assertThat(TableArn.parse(null)).isEmpty();
        assertThat(TableArn.parse("arn:aws:dynamodb:us-east-1:111122223333:table/Music/index/ByYear")).isEmpty();
        assertThat(TableArn.parse("arn:aws:dynamodb:us-east-1:111122223333:table/Music/stream/2024-01-01T00:00:00.000"))
                .isEmpty();
        assertThat(TableArn.parse("arn:aws:dynamodb:us-east-1:1111:table/Music")).isEmpty();
        assertThat(TableArn.parse("arn:aws:dynamodb:us-east-1:111122223333:table/ab")).isEmpty();
        assertThat(TableArn.parse("arn:aws:s3:::bucket")).isEmpty();
    }
}
