package org.flowsentry.job.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The few calls of Flink's REST API (the one `flink run` and the web UI use) that a test needs to
 * submit a jar and follow its job, with the JDK's HttpClient and Jackson. Every non-2xx answer
 * throws with Flink's error text.
 */
public final class FlinkRest {
    /** Generous: on 2 busy cores the JobManager may take seconds to run a jar's main. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRest(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** GET of a path like "/overview", as JSON. */
    public JsonNode get(String path) {
        return send(request(path).GET(), 200);
    }

    /** POST /jars/upload (multipart, field "jarfile"); returns the jar id for {@link #runJar}. */
    public String uploadJar(Path jar) {
        String boundary = "flowsentry-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
        BodyPublisher file;
        try {
            file = BodyPublishers.ofFile(jar);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
        BodyPublisher body = BodyPublishers.concat(BodyPublishers.ofString(head, UTF_8), file,
                BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", UTF_8));
        JsonNode answer = send(request("/jars/upload").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body), 200);
        // "filename" is the stored file's path; its name is the jar id.
        return Path.of(answer.get("filename").asText()).getFileName().toString();
    }

    /** POST /jars/:id/run with these program arguments (main's args); returns the job id. */
    public String runJar(String jarId, List<String> programArgs) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("programArgsList", programArgs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(request("/jars/" + jarId + "/run").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body, UTF_8)), 200).get("jobid").asText();
    }

    /** Job id to state (RUNNING, CANCELED, FAILED, ...) of every job, from /jobs/overview. */
    public Map<String, String> jobStates() {
        Map<String, String> states = new LinkedHashMap<>();
        for (JsonNode job : get("/jobs/overview").get("jobs")) {
            states.put(job.get("jid").asText(), job.get("state").asText());
        }
        return states;
    }

    /** The state of one job ("UNKNOWN" when the cluster does not list it). */
    public String jobState(String jobId) {
        return jobStates().getOrDefault(jobId, "UNKNOWN");
    }

    /** PATCH /jobs/:id?mode=cancel; Flink answers 202 and cancels in the background. */
    public void cancel(String jobId) {
        send(request("/jobs/" + jobId + "?mode=cancel").method("PATCH", BodyPublishers.noBody()), 202);
    }

    /** Polls until the job is in this state; throws when it reaches another terminal state or the wait ends. */
    public void awaitJobState(String jobId, String wanted, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        String state = jobState(jobId);
        while (!state.equals(wanted)) {
            if (List.of("FAILED", "CANCELED", "FINISHED").contains(state)) {
                throw new IllegalStateException("job " + jobId + " is " + state + ", not " + wanted + rootException(jobId));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " still " + state + " after " + wait.toSeconds()
                        + " s, not " + wanted + rootException(jobId));
            }
            sleep(200);
            state = jobState(jobId);
        }
    }

    /** "; root exception: ..." from /jobs/:id/exceptions, or "" when there is none. */
    public String rootException(String jobId) {
        try {
            JsonNode root = get("/jobs/" + jobId + "/exceptions").path("rootException");
            return root.isMissingNode() || root.isNull() ? "" : "; root exception: " + root.asText();
        } catch (RuntimeException e) {
            return "; no exceptions available (" + e.getMessage() + ")";
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    private JsonNode send(HttpRequest.Builder builder, int expectedStatus) {
        HttpRequest request = builder.build();
        try {
            var response = http.send(request, BodyHandlers.ofString(UTF_8));
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + " (expected " + expectedStatus + "): " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
