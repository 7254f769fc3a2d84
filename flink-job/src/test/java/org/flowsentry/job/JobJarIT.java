package org.flowsentry.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar that `flink run` gets (built by the shade plugin in package, before this IT):
 * our classes and the libraries a Flink cluster does not have, without Flink itself, Smile,
 * Scala or any logging implementation, with Main-Class set and service files merged.
 */
class JobJarIT {
    static Path jarPath;
    static JarFile jar;
    static Set<String> entries;

    @BeforeAll
    static void openJar() throws IOException {
        String property = System.getProperty("flowsentry.jobJar");
        assertThat(property).as("system property flowsentry.jobJar (set by failsafe in flink-job/pom.xml)").isNotBlank();
        jarPath = Path.of(property);
        assertThat(jarPath).as("the job jar; run through `mvn verify`, which shades it in package").isRegularFile();
        jar = new JarFile(jarPath.toFile());
        entries = jar.stream().map(ZipEntry::getName).collect(Collectors.toSet());
        System.out.printf("JobJarIT: %s, %.1f MB, %d entries%n", jarPath.getFileName(), Files.size(jarPath) / 1e6, entries.size());
    }

    @AfterAll
    static void closeJar() throws IOException {
        if (jar != null) jar.close();
    }

    @Test
    void mainClassIsTheJob() throws IOException {
        Manifest manifest = jar.getManifest();
        assertThat(manifest).isNotNull();
        assertThat(manifest.getMainAttributes().getValue("Main-Class")).isEqualTo(FlowSentryJob.class.getName());
    }

    @Test
    void holdsEveryClassOfTheJobModule() throws IOException {
        Path classes = Path.of(System.getProperty("flowsentry.jobClasses", "target/classes"));
        List<String> own;
        try (Stream<Path> files = Files.walk(classes)) {
            own = files.filter(p -> p.toString().endsWith(".class")).map(p -> classes.relativize(p).toString().replace('\\', '/')).toList();
        }
        assertThat(own).contains("org/flowsentry/job/FlowSentryJob.class");
        assertThat(entries).containsAll(own);
    }

    @Test
    void holdsTheLibrariesAClusterDoesNotHave() {
        assertThat(entries).contains(
                "org/flowsentry/core/wire/AvroWire.class",                                 // core
                "org/flowsentry/schema/Alert.class",                                       // schemas
                "org/apache/avro/Schema.class",                                            // Avro
                "com/fasterxml/jackson/databind/ObjectMapper.class",                       // Jackson
                "de/siegmar/fastcsv/reader/CsvReader.class",                               // FastCSV
                "org/apache/flink/connector/kafka/source/KafkaSource.class",               // Kafka connector
                "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                "org/apache/flink/connector/base/DeliveryGuarantee.class",                 // connector-base
                "org/apache/kafka/clients/consumer/KafkaConsumer.class",                   // kafka-clients
                "org/apache/kafka/clients/producer/KafkaProducer.class",
                "org/apache/flink/formats/avro/typeutils/AvroSerializer.class");           // flink-avro
    }

    @Test
    void leavesOutFlinkSmileScalaAndLogging() {
        List<String> forbidden = List.of(
                "org/apache/flink/streaming/api/",   // flink-streaming-java
                "org/apache/flink/api/common/",      // flink-core
                "org/apache/flink/configuration/",
                "org/apache/flink/runtime/",
                "org/apache/flink/client/",
                "org/apache/flink/shaded/",
                "smile/",                            // Smile (the trainer's, never the job's)
                "org/bytedeco/",
                "scala/",
                "org/slf4j/",
                "org/apache/logging/log4j/",
                "org/apache/log4j/",
                "ch/qos/logback/");
        for (String prefix : forbidden) {
            assertThat(entries).as("entries under " + prefix).noneMatch(e -> e.startsWith(prefix));
        }
        assertThat(entries).as("jar signatures (invalid in a merged jar)")
                .noneMatch(e -> e.startsWith("META-INF/") && (e.endsWith(".SF") || e.endsWith(".DSA") || e.endsWith(".RSA")));
    }

    @Test
    void mergesServiceFilesOfSeveralLibraries() throws IOException {
        // jackson-datatype-jsr310 and jackson-datatype-jdk8 each declare one Module: both must survive.
        String modules = read("META-INF/services/com.fasterxml.jackson.databind.Module");
        assertThat(modules).contains("com.fasterxml.jackson.datatype.jsr310.JavaTimeModule")
                .contains("com.fasterxml.jackson.datatype.jdk8.Jdk8Module");
    }

    private static String read(String entry) throws IOException {
        ZipEntry e = jar.getEntry(entry);
        assertThat(e).as(entry).isNotNull();
        try (InputStream in = jar.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
