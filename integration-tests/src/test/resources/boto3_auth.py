"""Drives a DynaRocks server with boto3 and prints one line per check, for AuthenticationIT.

Usage: boto3_auth.py ENDPOINT ACCESS_KEY SECRET SERVER_NOW, SERVER_NOW being the server's (fixed) clock as
yyyymmddThhmmssZ: requests are signed at that time, or 20 minutes either side of it for the dated checks.
"""
import datetime
import sys
import urllib.error
import urllib.request
from unittest import mock

import boto3
import botocore
import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials
import botocore.exceptions

endpoint, key, secret, server_now = sys.argv[1:5]
now = datetime.datetime.strptime(server_now, "%Y%m%dT%H%M%SZ")
config = botocore.config.Config(retries={"total_max_attempts": 1, "mode": "standard"})


def client(access_key, secret_key):
    return boto3.client("dynamodb", endpoint_url=endpoint, region_name="eu-west-1", aws_access_key_id=access_key,
                        aws_secret_access_key=secret_key, config=config)


def signed_at(moment):
    """botocore signs with this time instead of the machine's."""
    return mock.patch.object(botocore.auth, "get_current_datetime", lambda remove_tzinfo=True: moment)


def error_of(call, moment=now):
    """The error code, status and message; DynamoDB's message for a wrong signature goes on, after a blank line,
    with the canonical request and string to sign it expected, which only its first paragraph is checked for."""
    try:
        with signed_at(moment):
            call()
        return "none"
    except botocore.exceptions.ClientError as e:
        return "%s %d: %s" % (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"],
                              e.response["Error"]["Message"].split("\n\n")[0])


def tampered_body():
    """A DescribeTable signed by botocore's SigV4Auth, sent by urllib with another body."""
    request = botocore.awsrequest.AWSRequest(method="POST", url=endpoint, data=b'{"TableName":"boto"}', headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.DescribeTable"})
    with signed_at(now):
        botocore.auth.SigV4Auth(botocore.credentials.Credentials(key, secret), "dynamodb", "eu-west-1") \
            .add_auth(request)
    headers = {name: value for name, value in request.headers.items() if name.lower() != "content-length"}
    try:
        urllib.request.urlopen(urllib.request.Request(endpoint, data=b'{"TableName":"other"}', headers=headers,
                                                      method="POST"))
        return "none"
    except urllib.error.HTTPError as e:
        return "%d %s" % (e.code, e.read().decode("utf-8").split("\\n\\n")[0])


with signed_at(now):
    good = client(key, secret)
    good.create_table(TableName="boto", BillingMode="PAY_PER_REQUEST",
                      KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                      AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
    good.put_item(TableName="boto", Item={"pk": {"S": "a b/\u00e9+%"}, "v": {"S": "stored"}})
    print("get " + good.get_item(TableName="boto", Key={"pk": {"S": "a b/\u00e9+%"}})["Item"]["v"]["S"])
print("wrong-secret " + error_of(lambda: client(key, "wrong").list_tables()))
print("unknown-key " + error_of(lambda: client("AKIDNOBODY", secret).list_tables()))
print("unsigned " + error_of(lambda: boto3.client(
    "dynamodb", endpoint_url=endpoint, region_name="eu-west-1",
    config=config.merge(botocore.config.Config(signature_version=botocore.UNSIGNED))).list_tables()))
print("expired " + error_of(lambda: good.list_tables(), now - datetime.timedelta(minutes=20)))
print("future " + error_of(lambda: good.list_tables(), now + datetime.timedelta(minutes=20)))
print("tampered-body " + tampered_body())
