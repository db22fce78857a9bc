"""Runs every PartiQL statement kind through boto3 against the server at sys.argv[1].

Started by Boto3PartiqlIT; exits non-zero (with the failed assertion) when DynaRocks answers
differently from DynamoDB.
"""
import sys

import boto3
from botocore.exceptions import ClientError

client = boto3.client(
    "dynamodb",
    endpoint_url=sys.argv[1],
    region_name="us-east-1",
    aws_access_key_id="key",
    aws_secret_access_key="secret",
)
TABLE = "Boto3Partiql"
client.create_table(
    TableName=TABLE,
    BillingMode="PAY_PER_REQUEST",
    AttributeDefinitions=[
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "N"},
    ],
    KeySchema=[
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
)


def run(statement, *parameters, **options):
    if parameters:
        options["Parameters"] = list(parameters)
    return client.execute_statement(Statement=statement, **options)


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response
    raise AssertionError("expected an error")


# INSERT, and INSERT of an existing item
for sk in range(1, 8):
    run(f"INSERT INTO \"{TABLE}\" VALUE {{'pk': 'p', 'sk': ?, 'tags': <<'a'>>}}", {"N": str(sk)})
code, _ = error_code(lambda: run(f"INSERT INTO \"{TABLE}\" VALUE {{'pk': 'p', 'sk': 1}}"))
assert code == "DuplicateItemException", code

# SELECT as a query, paged with Limit and NextToken
seen, token = [], None
while True:
    options = {"Limit": 3}
    if token:
        options["NextToken"] = token
    page = run(f"SELECT sk FROM \"{TABLE}\" WHERE pk = ? ORDER BY sk DESC", {"S": "p"}, **options)
    seen += [int(item["sk"]["N"]) for item in page["Items"]]
    token = page.get("NextToken")
    if not token:
        break
assert seen == [7, 6, 5, 4, 3, 2, 1], seen

# SELECT as a scan with a filter
items = run(f"SELECT * FROM \"{TABLE}\" WHERE sk BETWEEN 2 AND 3")["Items"]
assert sorted(int(i["sk"]["N"]) for i in items) == [2, 3], items

# UPDATE with RETURNING, and a failed condition with the old item
updated = run(
    f"UPDATE \"{TABLE}\" SET n = 1 SET tags = set_add(tags, <<'b'>>) WHERE pk = 'p' AND sk = 1 RETURNING ALL NEW *"
)["Items"][0]
assert updated["n"] == {"N": "1"} and sorted(updated["tags"]["SS"]) == ["a", "b"], updated
code, response = error_code(lambda: run(
    f"UPDATE \"{TABLE}\" SET n = 2 WHERE pk = 'p' AND sk = 1 AND n = 5",
    ReturnValuesOnConditionCheckFailure="ALL_OLD",
))
assert code == "ConditionalCheckFailedException", code
assert response["Item"]["n"] == {"N": "1"}, response

# DELETE
assert run(f"DELETE FROM \"{TABLE}\" WHERE pk = 'p' AND sk = 7 RETURNING ALL OLD *")["Items"][0]["sk"] == {"N": "7"}
assert run(f"SELECT * FROM \"{TABLE}\" WHERE pk = 'p' AND sk = 7")["Items"] == []

# Syntax error
code, response = error_code(lambda: run(f"SELECT * FROM \"{TABLE}\" WHERE"))
assert code == "ValidationException", code
assert response["Error"]["Message"] == "Statement wasn't well formed, can't be processed: Unexpected term", response

# A batch with one failing statement
batch = client.batch_execute_statement(Statements=[
    {"Statement": f"UPDATE \"{TABLE}\" SET n = 10 WHERE pk = 'p' AND sk = 2"},
    {"Statement": f"INSERT INTO \"{TABLE}\" VALUE {{'pk': 'p', 'sk': 3}}"},
])["Responses"]
assert "Error" not in batch[0], batch
assert batch[1]["Error"]["Code"] == "DuplicateItem", batch

# A transaction of writes, one that is cancelled, and one of reads
client.execute_transaction(TransactStatements=[
    {"Statement": f"UPDATE \"{TABLE}\" SET n = 20 WHERE pk = 'p' AND sk = 2"},
    {"Statement": f"INSERT INTO \"{TABLE}\" VALUE {{'pk': 'q', 'sk': 1}}"},
])
code, response = error_code(lambda: client.execute_transaction(TransactStatements=[
    {"Statement": f"UPDATE \"{TABLE}\" SET n = 30 WHERE pk = 'p' AND sk = 2"},
    {"Statement": f"DELETE FROM \"{TABLE}\" WHERE pk = 'q' AND sk = 1 AND n = 99"},
]))
assert code == "TransactionCanceledException", code
assert [r["Code"] for r in response["CancellationReasons"]] == ["None", "ConditionalCheckFailed"], response
reads = client.execute_transaction(TransactStatements=[
    {"Statement": f"SELECT n FROM \"{TABLE}\" WHERE pk = 'p' AND sk = 2"},
    {"Statement": f"SELECT * FROM \"{TABLE}\" WHERE pk = 'q' AND sk = 1"},
])["Responses"]
assert reads[0]["Item"] == {"n": {"N": "20"}}, reads
assert reads[1]["Item"]["pk"] == {"S": "q"}, reads

# A batch whose failing statement asks for the item it failed on
batch = client.batch_execute_statement(Statements=[
    {"Statement": f"UPDATE \"{TABLE}\" SET n = 0 WHERE pk = 'p' AND sk = 2 AND n > 100",
     "ReturnValuesOnConditionCheckFailure": "ALL_OLD"},
    {"Statement": f"UPDATE \"{TABLE}\" SET m = 1 WHERE pk = 'p' AND sk = 3"},
], ReturnConsumedCapacity="TOTAL")
assert batch["Responses"][0]["Error"]["Code"] == "ConditionalCheckFailed", batch
assert batch["Responses"][0]["Error"]["Item"]["n"] == {"N": "20"}, batch
assert "Error" not in batch["Responses"][1], batch
assert batch["ConsumedCapacity"][0]["CapacityUnits"] == 1.0, batch

# A batch may not mix reads and writes
code, _ = error_code(lambda: client.batch_execute_statement(Statements=[
    {"Statement": f"SELECT * FROM \"{TABLE}\" WHERE pk = 'p' AND sk = 2"},
    {"Statement": f"DELETE FROM \"{TABLE}\" WHERE pk = 'p' AND sk = 2"},
]))
assert code == "ValidationException", code

# A repeated ClientRequestToken applies the transaction once; with other statements it is a mismatch
for _ in range(2):
    client.execute_transaction(ClientRequestToken="boto3-token", TransactStatements=[
        {"Statement": f"UPDATE \"{TABLE}\" SET n = n + 1 WHERE pk = 'p' AND sk = 2"},
    ])
assert run(f"SELECT n FROM \"{TABLE}\" WHERE pk = 'p' AND sk = 2")["Items"] == [{"n": {"N": "21"}}]
code, _ = error_code(lambda: client.execute_transaction(ClientRequestToken="boto3-token", TransactStatements=[
    {"Statement": f"UPDATE \"{TABLE}\" SET n = n + 5 WHERE pk = 'p' AND sk = 2"},
]))
assert code == "IdempotentParameterMismatchException", code

# Capacity as the equivalent operation: a consistent GetItem-like SELECT of a small item costs 1 unit
consumed = run(f"SELECT * FROM \"{TABLE}\" WHERE pk = 'p' AND sk = 2", ConsistentRead=True,
               ReturnConsumedCapacity="TOTAL")["ConsumedCapacity"]
assert consumed["TableName"] == TABLE and consumed["CapacityUnits"] == 1.0, consumed

print("boto3 PartiQL: every statement kind ran")
