"""Drives a DynaRocks server with boto3 and prints one line per check, for Boto3SecurityIT.

Usage: boto3_security.py SCENARIO ENDPOINT [ARGS...], where SCENARIO is
  fine-grained    ENDPOINT: alice (AKIDALICE) of AuthFixture.gameScores under a LeadingKeys/Attributes policy
  resource-policy ENDPOINT: admin (AKIDADMIN, account 000000000000) shares a table with carol (AKIDCAROL)
  encrypted-write ENDPOINT VALUE / encrypted-read ENDPOINT: an item holding VALUE written, then read back
"""
import sys

import boto3
import botocore.config
import botocore.exceptions

scenario, endpoint = sys.argv[1:3]
config = botocore.config.Config(retries={"total_max_attempts": 1, "mode": "standard"})


def client(access_key, secret_key):
    return boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=access_key,
                        aws_secret_access_key=secret_key, config=config)


def outcome(call):
    """'ok', or the error code and message DynamoDB answered."""
    try:
        call()
        return "ok"
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"]


def s(value):
    return {"S": value}


def fine_grained():
    alice = client("AKIDALICE", "alice-secret")
    table = "GameScores"
    print("put own " + outcome(lambda: alice.put_item(TableName=table, Item={
        "UserId": s("alice"), "GameTitle": s("Chess"), "TopScore": {"N": "100"}})))
    print("get own TopScore " + alice.get_item(TableName=table, Key={"UserId": s("alice"), "GameTitle": s("Chess")},
                                               ProjectionExpression="TopScore")["Item"]["TopScore"]["N"])
    print("query own %d" % alice.query(TableName=table, KeyConditionExpression="UserId = :u",
                                       ExpressionAttributeValues={":u": s("alice")},
                                       ProjectionExpression="GameTitle, TopScore")["Count"])
    print("query bob " + outcome(lambda: alice.query(
        TableName=table, KeyConditionExpression="UserId = :u", ExpressionAttributeValues={":u": s("bob")},
        ProjectionExpression="TopScore")))
    print("put bob " + outcome(lambda: alice.put_item(TableName=table, Item={
        "UserId": s("bob"), "GameTitle": s("Chess"), "TopScore": {"N": "1"}})))
    print("batch-get alice and bob " + outcome(lambda: alice.batch_get_item(RequestItems={table: {
        "Keys": [{"UserId": s("alice"), "GameTitle": s("Chess")}, {"UserId": s("bob"), "GameTitle": s("Chess")}],
        "ProjectionExpression": "TopScore"}})))
    print("batch-get alice " + outcome(lambda: alice.batch_get_item(RequestItems={table: {
        "Keys": [{"UserId": s("alice"), "GameTitle": s("Chess")}], "ProjectionExpression": "Wins"}})))
    print("get all attributes " + outcome(lambda: alice.get_item(
        TableName=table, Key={"UserId": s("alice"), "GameTitle": s("Chess")})))
    print("get Secret " + outcome(lambda: alice.get_item(
        TableName=table, Key={"UserId": s("alice"), "GameTitle": s("Chess")}, ProjectionExpression="#s",
        ExpressionAttributeNames={"#s": "Secret"})))
    print("put Secret " + outcome(lambda: alice.put_item(TableName=table, Item={
        "UserId": s("alice"), "GameTitle": s("Poker"), "Secret": s("x")})))
    print("update Secret " + outcome(lambda: alice.update_item(
        TableName=table, Key={"UserId": s("alice"), "GameTitle": s("Chess")}, UpdateExpression="SET Secret = :v",
        ExpressionAttributeValues={":v": s("x")})))
    print("update Wins " + outcome(lambda: alice.update_item(
        TableName=table, Key={"UserId": s("alice"), "GameTitle": s("Chess")}, UpdateExpression="SET Wins = :v",
        ExpressionAttributeValues={":v": {"N": "2"}})))


def resource_policy():
    admin = client("AKIDADMIN", "admin-secret")
    carol = client("AKIDCAROL", "carol-secret")
    admin.create_table(TableName="shared", BillingMode="PAY_PER_REQUEST",
                       KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                       AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
    admin.put_item(TableName="shared", Item={"pk": s("a"), "v": s("shared value")})
    arn = admin.describe_table(TableName="shared")["Table"]["TableArn"]
    print("arn " + arn)
    print("before " + outcome(lambda: carol.get_item(TableName=arn, Key={"pk": s("a")})))
    revision = admin.put_resource_policy(ResourceArn=arn, Policy="""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem"], "Resource": "%s"}]}""" % arn)["RevisionId"]
    print("stored " + str(admin.get_resource_policy(ResourceArn=arn)["RevisionId"] == revision))
    print("get " + carol.get_item(TableName=arn, Key={"pk": s("a")})["Item"]["v"]["S"])
    batch = carol.batch_get_item(RequestItems={arn: {"Keys": [{"pk": s("a")}]}})
    print("batch-get keyed by " + ",".join(batch["Responses"].keys()))
    print("delete " + outcome(lambda: carol.delete_item(TableName=arn, Key={"pk": s("a")})))
    print("own account's table of that name " + outcome(lambda: carol.get_item(TableName="shared",
                                                                                Key={"pk": s("a")})))
    admin.delete_resource_policy(ResourceArn=arn)
    print("after delete " + outcome(lambda: carol.get_item(TableName=arn, Key={"pk": s("a")})))


def encrypted_write(value):
    c = client("AKIDANY", "any-secret")
    c.create_table(TableName="cards", BillingMode="PAY_PER_REQUEST",
                   KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                   AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
    c.put_item(TableName="cards", Item={"pk": s("alice"), "number": s(value)})
    print("written")


def encrypted_read():
    c = client("AKIDANY", "any-secret")
    print("read " + c.get_item(TableName="cards", Key={"pk": s("alice")}, ConsistentRead=True)["Item"]["number"]["S"])


if scenario == "fine-grained":
    fine_grained()
elif scenario == "resource-policy":
    resource_policy()
elif scenario == "encrypted-write":
    encrypted_write(sys.argv[3])
elif scenario == "encrypted-read":
    encrypted_read()
else:
    sys.exit("unknown scenario " + scenario)
