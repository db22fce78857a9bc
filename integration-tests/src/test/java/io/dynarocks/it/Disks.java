package io.dynarocks.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * File systems a test makes and breaks (the tests run as root): a size-limited tmpfs, an ext4 image
 * on a loop device that fails like a real disk (remounted read-only on error), read-only remounts.
 */
final class Disks {

    private Disks() {}

    /** Mounts a tmpfs of {@code megabytes} on {@code dir}. */
    static void tmpfs(Path dir, int megabytes) throws IOException {
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString());
    }

    /** Formats a file of {@code megabytes} as ext4 and mounts it on {@code dir}, read-only on the first error. */
    static void ext4(Path image, Path dir, int megabytes) throws IOException {
        Path mkfs = SystemPackages.require("mkfs.ext4", "e2fsprogs");
        Files.createDirectories(dir);
        run("truncate", "-s", megabytes + "M", image.toString());
        run(mkfs.toString(), "-q", "-F", image.toString());
        mountExt4(image, dir);
    }

    static void mountExt4(Path image, Path dir) throws IOException {
        run("mount", "-o", "loop,errors=remount-ro", image.toString(), dir.toString());
    }

    /** What the kernel does when the disk under an ext4 file system fails: it turns read-only at once. */
    static void failExt4(Path dir) throws IOException {
        String device = run("findmnt", "-n", "-o", "SOURCE", dir.toString()).trim();
        Path trigger = Path.of("/sys/fs/ext4", Path.of(device).getFileName().toString(), "trigger_fs_error");
        Files.writeString(trigger, "1");
    }

    /**
     * Makes the block device under {@code dir} a slow disk: at most {@code iops} reads and as many writes a second
     * (the kernel's block I/O throttling, cgroup v1 {@code blkio.throttle.*} of the root group, which holds every
     * process here, kernel flusher threads included); 0 lifts the limit. The device is a loop device of the test's
     * own, so nothing else is slowed.
     */
    static void throttle(Path dir, int iops) throws IOException {
        String device = run("findmnt", "-n", "-o", "SOURCE", dir.toString()).trim();
        String majorMinor = Files.readString(Path.of("/sys/block", Path.of(device).getFileName().toString(), "dev"))
                .trim();
        Path blkio = Path.of("/sys/fs/cgroup/blkio");
        if (!Files.exists(blkio.resolve("blkio.throttle.write_iops_device"))) {
            throw new IOException("no cgroup v1 block I/O throttling at " + blkio + " to slow the disk down");
        }
        Files.writeString(blkio.resolve("blkio.throttle.write_iops_device"), majorMinor + " " + iops);
        Files.writeString(blkio.resolve("blkio.throttle.read_iops_device"), majorMinor + " " + iops);
    }

    /** Checks and repairs an unmounted ext4 image, as an operator would after a disk error. */
    static void fsck(Path image) throws IOException {
        Path fsck = SystemPackages.require("e2fsck", "e2fsprogs");
        // 0: clean, 1: errors corrected.
        run(List.of(0, 1), fsck.toString(), "-f", "-y", image.toString());
    }

    static void remount(Path dir, boolean readOnly) throws IOException {
        run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), dir.toString());
    }

    /** Unmounts {@code dir}; quietly does nothing if it is not mounted. */
    static void unmount(Path dir) {
        try {
            run(List.of(0, 32), "umount", dir.toString());
        } catch (IOException | RuntimeException e) {
            // nothing mounted there
        }
    }

    /** Fills the file system of {@code dir} up to {@code leftBytes} free bytes with one file; returns it. */
    static Path fill(Path dir, long leftBytes) throws IOException {
        Path filler = dir.resolve("filler");
        long free = Files.getFileStore(dir).getUsableSpace();
        run("fallocate", "-l", Long.toString(Math.max(1, free - leftBytes)), filler.toString());
        return filler;
    }

    static String run(String... command) throws IOException {
        return run(List.of(0), command);
    }

    private static String run(List<Integer> okCodes, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (!okCodes.contains(p.exitValue())) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
        }
        return out;
    }
}
