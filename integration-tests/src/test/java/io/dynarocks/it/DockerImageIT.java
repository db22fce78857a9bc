package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The image as docker/verify.sh checks it without a registry or a container runtime: docker/Dockerfile builds
 * on bases made from Debian's packages, and its entrypoint, started from the image's own filesystem as its
 * user, answers boto3, passes its health check and finds its data again after a restart.
 */
class DockerImageIT {

    private static final Path ROOT = ServerProcess.jar().toAbsolutePath().getParent().getParent().getParent();

    @Test
    void theImageBuildsWithoutARegistryAndItsEntrypointServesRequests() throws IOException, InterruptedException {
        SystemPackages.require("podman", "podman");
        SystemPackages.require("debootstrap", "debootstrap");
        SystemPackages.require("ip", "iproute2");

        Process verify = new ProcessBuilder("bash", "docker/verify.sh").directory(ROOT.toFile())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(30, TimeUnit.MINUTES)).as(output).isTrue();

        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output).contains("first start: ", " answered ", "HEALTHCHECK", "healthy",
                "the data survived the restart", "[verify] image: ");
    }
}
