"""Runs a built image's entrypoint from its mounted filesystem and sends it requests (docker/verify.sh step 3-4).

Run inside fresh network and mount namespaces: python3 verify_run.py <mounted rootfs> <podman image inspect output>.
Starts ENTRYPOINT + CMD as the image's USER, in its WORKDIR, with exactly its ENV (os.chroot, as
`chroot --userspec` does, plus the working directory), waits for the first answer on port 8000 and reports the
time it took, drives it with boto3 (tables, items, a query, a restart that finds the data again in /data),
runs the image's HEALTHCHECK command the same way, then stops the server with SIGTERM as `docker stop` does.
"""
import json
import os
import signal
import subprocess
import sys
import time

import boto3
from botocore.config import Config

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from startup_timing import first_answer, time_starts  # noqa: E402

ROOT, IMAGE = sys.argv[1], json.loads(sys.argv[2])[0]  # podman image inspect
CONFIG = IMAGE["Config"]
HEALTHCHECK = (IMAGE.get("Healthcheck") or CONFIG.get("Healthcheck") or {}).get("Test", [])
ENDPOINT = "http://127.0.0.1:8000"


def log(message):
    print("[verify] " + message, file=sys.stderr, flush=True)


def start_in_image(command, output):
    """Starts command in the image as its USER, WORKDIR and ENV, like a container runtime would."""
    user, _, group = (CONFIG.get("User") or "0").partition(":")
    uid, gid = int(user), int(group or user)
    env = dict(e.split("=", 1) for e in CONFIG.get("Env") or [])
    workdir = CONFIG.get("WorkingDir") or "/"

    def enter():
        os.chroot(ROOT)
        os.chdir(workdir)
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)

    return subprocess.Popen(command, preexec_fn=enter, env=env, stdout=output, stderr=subprocess.STDOUT,
                            executable=resolve(command[0], env))


def resolve(program, env):
    """The program's path inside the image, looked up on the image's PATH."""
    if "/" in program:
        return program
    for directory in env.get("PATH", "/usr/bin:/bin").split(":"):
        if os.access(ROOT + directory + "/" + program, os.X_OK):
            return directory + "/" + program
    raise SystemExit("no %s on the image's PATH" % program)


def run_server(log_file, what):
    return timed_start(log_file, what)[0]


def timed_start(log_file, what):
    """Starts the entrypoint; returns the server and the seconds to its first answer."""
    command = (CONFIG.get("Entrypoint") or []) + (CONFIG.get("Cmd") or [])
    with open(log_file, "w") as output:
        since = time.monotonic()
        server = start_in_image(command, output)
    seconds = first_answer(server, 8000, since, lambda: ":\n" + open(log_file).read())
    log("%s: %s answered %.0f ms after it was started" % (what, " ".join(command), seconds * 1000))
    return server, seconds


def measure_starts(log_file, count):
    """Starts and stops the entrypoint count times on the same /data; logs the median time to the first answer."""
    log(time_starts(count, lambda i: timed_start(log_file, "start %d of %d" % (i + 1, count)), stop))


def stop(server):
    server.send_signal(signal.SIGTERM)
    code = server.wait(timeout=30)
    if code not in (0, 143):
        raise SystemExit("the server exited with %d after SIGTERM" % code)


def main():
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    for mount in ("proc", "dev"):
        os.makedirs(ROOT + "/" + mount, exist_ok=True)
        subprocess.run(["mount", "--bind", "/" + mount, ROOT + "/" + mount], check=True)
    log_file = "/tmp/dynarocks-verify-server-%d.log" % os.getpid()
    dynamodb = boto3.client("dynamodb", endpoint_url=ENDPOINT, region_name="us-east-1",
                            aws_access_key_id="key", aws_secret_access_key="secret",
                            config=Config(retries={"max_attempts": 1}))
    server = run_server(log_file, "first start")
    try:
        dynamodb.create_table(TableName="Music", BillingMode="PAY_PER_REQUEST",
                              AttributeDefinitions=[{"AttributeName": "Artist", "AttributeType": "S"},
                                                    {"AttributeName": "Song", "AttributeType": "S"}],
                              KeySchema=[{"AttributeName": "Artist", "KeyType": "HASH"},
                                         {"AttributeName": "Song", "KeyType": "RANGE"}])
        for song in ("Call Me Today", "Happy Day", "PartiQL Rocks"):
            dynamodb.put_item(TableName="Music", Item={"Artist": {"S": "Acme Band"}, "Song": {"S": song}})
        found = dynamodb.query(TableName="Music", KeyConditionExpression="Artist = :a AND begins_with(Song, :s)",
                               ExpressionAttributeValues={":a": {"S": "Acme Band"}, ":s": {"S": "Ha"}})["Items"]
        assert [i["Song"]["S"] for i in found] == ["Happy Day"], found
        health = HEALTHCHECK
        if health:
            with open(os.devnull, "w") as quiet:
                code = start_in_image(health[1:], quiet).wait(timeout=30)
            assert code == 0, "health check exited with %d" % code
            log("HEALTHCHECK %s: healthy" % " ".join(health[1:]))
    finally:
        stop(server)
    server = run_server(log_file, "restart on the same /data")
    try:
        item = dynamodb.get_item(TableName="Music", Key={"Artist": {"S": "Acme Band"}, "Song": {"S": "Happy Day"}})
        assert "Item" in item, item
        assert dynamodb.describe_table(TableName="Music")["Table"]["ItemCount"] == 3
        log("boto3: CreateTable, PutItem, Query, GetItem and DescribeTable answered; the data survived the restart")
    finally:
        stop(server)
    starts = int(os.environ.get("DYNAROCKS_VERIFY_STARTS", "0"))
    if starts > 0:
        measure_starts(log_file, starts)
    with open(log_file) as output:
        warnings = [line for line in output if "warning" in line.lower() and "JAVA_TOOL_OPTIONS" not in line]
    if warnings:
        raise SystemExit("the server warned:\n" + "".join(warnings))
    os.remove(log_file)


main()
