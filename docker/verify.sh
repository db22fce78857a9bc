#!/usr/bin/env bash
# Builds docker/Dockerfile without pulling any image, runs the result and sends it requests, on a machine where
# containers cannot run (no registry; the container runtime's rlimit calls refused):
#  1. the two bases, made from Debian's packages: JDK_IMAGE by debootstrap (minbase + openjdk-17-jdk-headless),
#     BASE_IMAGE as distroless makes its cc image (the files of libc6, libgcc-s1, libstdc++6, zlib1g, netbase,
#     tzdata and ca-certificates, and a nonroot user 65532), both `podman import`ed and cached by content
#     under $DYNAROCKS_IMAGE_CACHE (default /var/tmp/dynarocks-image-cache);
#  2. `podman build --isolation chroot` with them as build arguments;
#  3. the image's filesystem mounted (`podman create` + `podman mount`) and its ENTRYPOINT started in it with
#     `chroot --userspec` as its USER, with its ENV and WORKDIR, in a network namespace of its own (so port
#     8000 is free whatever else runs here);
#  4. boto3 requests against it (table, items, query, persistence in /data), the health check, then SIGTERM;
#  5. clean-up: the container, its mount and the built image are removed (the bases stay cached).
# Prints the image's size and the time from start to the first answer (with DYNAROCKS_VERIFY_STARTS=N, also
# the median of N more starts on the same /data). Needs root (or sudo), podman,
# debootstrap, python3 with boto3, and server/target/dynarocks.jar (mvn -B package -DskipTests).
# Usage: docker/verify.sh [extra podman build arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then exec sudo -E "$0" "$@"; fi

JAR=server/target/dynarocks.jar
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -B package -DskipTests)" >&2; exit 1; }
CACHE="${DYNAROCKS_IMAGE_CACHE:-/var/tmp/dynarocks-image-cache}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=bookworm
RUNTIME_PACKAGES="libc6 libgcc-s1 libstdc++6 zlib1g netbase tzdata ca-certificates"
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9   # one build of the bases at a time

log() { printf '[verify] %s\n' "$*" >&2; }

# --- 1. bases -------------------------------------------------------------------------------------------
jdk_key="$(printf '%s\n' "$SUITE minbase openjdk-17-jdk-headless $RUNTIME_PACKAGES v1" | sha256sum | cut -c1-12)"
JDK_IMAGE="localhost/dynarocks-verify-jdk:$jdk_key"
BASE_IMAGE="localhost/dynarocks-verify-base:$jdk_key"
rootfs="$CACHE/rootfs-$jdk_key"
if ! podman image exists "$JDK_IMAGE" || ! podman image exists "$BASE_IMAGE"; then
  if [ ! -f "$rootfs.done" ]; then
    log "debootstrap $SUITE (minbase + openjdk-17-jdk-headless) into $rootfs: a few minutes, once"
    rm -rf "$rootfs"
    debootstrap --variant=minbase --include=openjdk-17-jdk-headless,ca-certificates,tzdata,netbase \
      "$SUITE" "$rootfs" "$MIRROR" > "$CACHE/debootstrap-$jdk_key.log" 2>&1 \
      || { tail -20 "$CACHE/debootstrap-$jdk_key.log" >&2; exit 1; }
    chroot "$rootfs" apt-get clean
    touch "$rootfs.done"
  fi
  log "podman import $JDK_IMAGE"
  tar -C "$rootfs" -c . | podman import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$JDK_IMAGE" > /dev/null
  base="$CACHE/base-$jdk_key"
  rm -rf "$base" && mkdir -p "$base"/{tmp,home/nonroot,etc,usr/lib,usr/lib64,usr/bin,usr/sbin}
  chmod 1777 "$base/tmp"
  for dir in lib lib64 bin sbin; do ln -s "usr/$dir" "$base/$dir"; done   # Debian's merged /usr
  # The packages' files (not directories) at their real paths, e.g. /lib/... is usr/lib/...
  # shellcheck disable=SC2086
  chroot "$rootfs" dpkg -L $RUNTIME_PACKAGES | sort -u | while read -r path; do
    if [ -f "$rootfs$path" ] || { [ -L "$rootfs$path" ] && [ ! -d "$rootfs$path" ]; }; then
      real="$(readlink -f "$rootfs$(dirname "$path")")/$(basename "$path")"
      printf '%s\n' "${real#"$rootfs"/}"
    fi
  done | sort -u > "$base.files"
  echo etc/ld.so.cache >> "$base.files"
  tar -C "$rootfs" -c -T "$base.files" | tar -C "$base" -x
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$base/etc/passwd"
  printf 'root:x:0:\nnonroot:x:65532:\n' > "$base/etc/group"
  chown 65532:65532 "$base/home/nonroot"
  log "podman import $BASE_IMAGE ($(du -sh "$base" | cut -f1))"
  tar -C "$base" -c . | podman import - "$BASE_IMAGE" > /dev/null
fi

# --- 2. build ---------------------------------------------------------------------------------------------
IMAGE="localhost/dynarocks-verify:$$"
container=""
cleanup() {
  if [ -n "$container" ]; then podman umount "$container" > /dev/null 2>&1 || true; podman rm -f "$container" > /dev/null 2>&1 || true; fi
  podman rmi -f "$IMAGE" > /dev/null 2>&1 || true
}
trap cleanup EXIT
log "podman build --isolation chroot"
build_start=$(date +%s)
# docker format: OCI image configs have no HEALTHCHECK
podman build --isolation chroot --format docker --build-arg JDK_IMAGE="$JDK_IMAGE" --build-arg BASE_IMAGE="$BASE_IMAGE" \
  -f docker/Dockerfile -t "$IMAGE" "$@" . > "$CACHE/build.log" 2>&1 || { tail -40 "$CACHE/build.log" >&2; exit 1; }
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
base_size=$(podman image inspect --format '{{.Size}}' "$BASE_IMAGE")
log "built in $(( $(date +%s) - build_start )) s"

# --- 3. and 4. run the entrypoint in the image's filesystem, send requests, stop it -----------------------------
container=$(podman create "$IMAGE")
mnt=$(podman mount "$container")
# A network namespace of its own for server and client (port 8000 is free there whatever runs here), and a
# private mount namespace for the /proc and /dev it needs, both gone with the process.
unshare --net --mount --propagation private \
  python3 docker/verify_run.py "$mnt" "$(podman image inspect "$IMAGE")"
printf '[verify] image: %d MB (base %d MB, added by docker/Dockerfile %d MB)\n' \
  $(( size / 1000000 )) $(( base_size / 1000000 )) $(( (size - base_size) / 1000000 ))
