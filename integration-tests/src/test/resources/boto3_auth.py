"""Drives a DynaRocks server with boto3 and prints one line per check, for AuthenticationIT."""
import sys

import boto3
import botocore.config
import botocore.exceptions

endpoint, key, secret = sys.argv[1:4]
config = botocore.config.Config(retries={"total_max_attempts": 1, "mode": "standard"})


def client(access_key, secret_key):
    return boto3.client("dynamodb", endpoint_url=endpoint, region_name="eu-west-1", aws_access_key_id=access_key,
                        aws_secret_access_key=secret_key, config=config)


def error_of(call):
    try:
        call()
        return "none"
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"] + " " + str(e.response["ResponseMetadata"]["HTTPStatusCode"])


good = client(key, secret)
good.create_table(TableName="boto", BillingMode="PAY_PER_REQUEST",
                  KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                  AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
good.put_item(TableName="boto", Item={"pk": {"S": "a b/\u00e9+%"}, "v": {"S": "stored"}})
print("get " + good.get_item(TableName="boto", Key={"pk": {"S": "a b/\u00e9+%"}})["Item"]["v"]["S"])
print("wrong-secret " + error_of(lambda: client(key, "wrong").list_tables()))
print("unknown-key " + error_of(lambda: client("AKIDNOBODY", secret).list_tables()))
