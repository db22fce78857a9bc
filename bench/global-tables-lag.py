#!/usr/bin/env python3
"""Replication lag of a global table between two DynaRocks servers (regions) on this machine.

Writes items at a steady rate to region A, each carrying its write time, and reads region B's stream
(GetRecords in a loop); the lag of an item is the time between its PutItem returning in A and its
record being read from B's stream. Usage:
global-tables-lag.py URL_A URL_B [writes/s] [seconds] [region of B] [warm-up seconds]
(start the servers with --region/--peer first; see bench/RESULTS.md). The writes of the warm-up (default 5 s,
at the same rate) replicate like the others but are not counted: they measure the JIT compiling the
servers' paths, not replication. The reader sleeps 1 ms when its stream has nothing new, so that it does not
take a core from the servers it measures.
"""
import sys, threading, time
import boto3

a_url, b_url = sys.argv[1], sys.argv[2]
rate = int(sys.argv[3]) if len(sys.argv) > 3 else 200
seconds = int(sys.argv[4]) if len(sys.argv) > 4 else 20
kw = dict(region_name="us-east-1", aws_access_key_id="key", aws_secret_access_key="secret")
a = boto3.client("dynamodb", endpoint_url=a_url, **kw)
b = boto3.client("dynamodb", endpoint_url=b_url, **kw)
bs = boto3.client("dynamodbstreams", endpoint_url=b_url, **kw)
table = "Lag%d" % int(time.time())
a.create_table(TableName=table, BillingMode="PAY_PER_REQUEST",
               AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
               KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
b_region = sys.argv[5] if len(sys.argv) > 5 else "eu-west-1"
warmup = int(sys.argv[6]) if len(sys.argv) > 6 else 5
a.update_table(TableName=table, ReplicaUpdates=[{"Create": {"RegionName": b_region}}])
while a.describe_table(TableName=table)["Table"]["Replicas"][0]["ReplicaStatus"] != "ACTIVE":
    time.sleep(0.05)
arn = b.describe_table(TableName=table)["Table"]["LatestStreamArn"]
acked = {}
lags = []
done = threading.Event()

def read():
    iterators = {}
    loops = 0
    while not done.is_set() or len(lags) < measured:
        loops += 1
        shards = bs.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"] if loops % 100 == 1 else []
        for shard in shards:
            sid = shard["ShardId"]
            if sid not in iterators:
                iterators[sid] = bs.get_shard_iterator(StreamArn=arn, ShardId=sid,
                                                       ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        for sid, it in list(iterators.items()):
            if it is None:
                continue
            r = bs.get_records(ShardIterator=it, Limit=1000)
            now = time.time()
            for rec in r["Records"]:
                pk = rec["dynamodb"]["Keys"]["pk"]["S"]
                while pk not in acked:
                    time.sleep(0.0005)
                if not pk.startswith("warm-"):
                    lags.append(now - acked[pk])
            if not r["Records"]:
                time.sleep(0.001)
            iterators[sid] = r.get("NextShardIterator")
        if done.is_set() and time.time() > end + 30:
            break

reader = threading.Thread(target=read, daemon=True)
reader.start()
def write(prefix, seconds):
    start = time.time()
    n = 0
    while time.time() < start + seconds:
        due = start + n / rate
        if due > time.time():
            time.sleep(due - time.time())
        pk = "%s%07d" % (prefix, n)
        a.put_item(TableName=table, Item={"pk": {"S": pk}, "v": {"S": "x" * 100}})
        acked[pk] = time.time()
        n += 1
    return n

measured = float("inf")
write("warm-", warmup)
n = write("item-", seconds)
measured = n
end = time.time()
done.set()
reader.join(60)
lags.sort()
pct = lambda p: lags[min(len(lags) - 1, int(p / 100 * len(lags)))] * 1000
print("writes %d at %d/s for %d s; replicated %d; lag p50 %.1f ms, p99 %.1f ms, max %.1f ms"
      % (n, rate, seconds, len(lags), pct(50), pct(99), lags[-1] * 1000))
