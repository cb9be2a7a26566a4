package org.hsgcds.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the image, the compose stack and the Kubernetes manifests are checked
 * statically: stages, user, ports and health checks, that copied files exist, and that names and ports
 * agree with the application's own configuration.
 */
class DeploymentFilesTest {

    private static final Path DOCKER = Path.of("docker");
    private static final Path TRAIN_AOT = DOCKER.resolve("training/train-aot.sh");
    private static Properties app;
    private static String serverPort;
    private static String managementPort;

    @BeforeAll
    static void readApplicationConfig() throws IOException {
        app = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            app.load(reader);
        }
        serverPort = app.getProperty("server.port");
        managementPort = app.getProperty("management.server.port");
        assertThat(serverPort).isNotBlank();
        assertThat(managementPort).isNotBlank().isNotEqualTo(serverPort);
    }

    /** Dockerfile instructions, continuation lines joined, comments dropped. */
    record Instruction(String keyword, String args) {}

    static List<Instruction> dockerfile() throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKER.resolve("Dockerfile"))) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                int space = text.indexOf(' ');
                instructions.add(new Instruction(
                        text.substring(0, space).toUpperCase(Locale.ROOT),
                        text.substring(space + 1).strip()));
            }
        }
        return instructions;
    }

    @Test
    void dockerfileBuildsWithMavenAndRunsOnASlimJre25AsNonRoot() throws IOException {
        List<Instruction> all = dockerfile();
        List<String> froms = all.stream()
                .filter(i -> i.keyword().equals("FROM"))
                .map(Instruction::args)
                .toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).matches("maven:3\\.9-eclipse-temurin-25 AS build");
        assertThat(froms.get(1)).matches("eclipse-temurin:25-jre AS runtime");

        List<Instruction> runtime = runtimeStage(all);
        List<String> users = runtime.stream()
                .filter(i -> i.keyword().equals("USER"))
                .map(Instruction::args)
                .toList();
        assertThat(users).hasSize(1);
        assertThat(users.get(0).split(":")[0]).isNotIn("root", "0");
        assertThat(runtime)
                .filteredOn(i -> i.keyword().equals("EXPOSE"))
                .singleElement()
                .extracting(i -> List.of(i.args().split("\\s+")))
                .asList()
                .contains(serverPort, managementPort);
        assertThat(runtime)
                .filteredOn(i -> i.keyword().equals("HEALTHCHECK"))
                .singleElement()
                .extracting(Instruction::args)
                .asString()
                .contains(":" + managementPort + "/actuator/health/readiness")
                .contains("HealthCheck");
        assertThat(runtime)
                .filteredOn(i -> i.keyword().equals("ENV"))
                .extracting(Instruction::args)
                .asString()
                .contains("-XX:MaxRAMPercentage=75")
                .contains("HSG_CONTENT_LOCATION=file:/opt/hsg-cds/");
        assertThat(runtime)
                .filteredOn(i -> i.keyword().equals("ENTRYPOINT"))
                .singleElement()
                .extracting(Instruction::args)
                .asString()
                .contains("/opt/hsg-cds/app/hsg-cds.jar");
    }

    @Test
    void imageStartsWithTheAotCacheItsOwnTrainingRunWrote() throws Exception {
        List<Instruction> all = dockerfile();
        List<Instruction> runtime = runtimeStage(all);
        assertThat(runtime)
                .filteredOn(i -> i.keyword().equals("WORKDIR"))
                .extracting(Instruction::args)
                .containsExactly("/opt/hsg-cds");

        // The cache is only valid for the JVM that wrote it, with the same class path and options, so the
        // training run is in the runtime stage and starts the jar by the entrypoint's absolute path. Its steps are
        // one script, docker/training/train-aot.sh, which bench/aot.sh runs too.
        String training = runtime.stream()
                .filter(i -> i.keyword().equals("RUN") && i.args().contains("train-aot.sh"))
                .map(Instruction::args)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no AOT cache training run in the runtime stage"));
        assertThat(training)
                .contains("TRAINING_CALLS=\"java -cp training TrainingCalls\"")
                .contains("sh training/train-aot.sh hsg-cds.jar /opt/hsg-cds --hsg.content.location=file:/opt/hsg-cds/")
                .contains("rm -rf hsg-cds.jar training ")
                .contains("test -s app/hsg-cds.aot");
        String script = Files.readString(TRAIN_AOT);
        assertThat(script)
                .contains("-Djarmode=tools -jar \"$JAR\" extract --destination \"$DIR/app\"")
                .contains("-XX:AOTCacheOutput=\"$DIR/app/hsg-cds.aot\" @\"$DIR/jvm.options\"")
                .contains("-jar \"$DIR/app/hsg-cds.jar\"")
                .as(
                        "a training run goes up to ready, warm-up included, then makes real calls on every hook, then stops")
                .contains("grep -q \"hsg-cds ready\"")
                .contains("$TRAINING_CALLS \"$URL\" \"${EXAMPLES:-fhir-resources/examples}\"")
                .contains("kill $PID")
                .contains("--hsg.data-dir=\"$DATA\"")
                .contains("rm -rf \"$DATA\"")
                .contains("test -s \"$DIR/app/hsg-cds.aot\"")
                .as("no class-data archive beside the AOT cache")
                .doesNotContain("ArchiveClassesAtExit")
                .doesNotContain("SharedArchiveFile");
        assertThat(runtime)
                .filteredOn(i -> i.keyword().equals("COPY"))
                .extracting(Instruction::args)
                .contains("--from=build /build/training/TrainingCalls.class training/")
                .contains("docker/training/train-aot.sh training/");
        assertThat(Path.of("docker/training/TrainingCalls.java")).exists();
        // the runtime image runs the script with its /bin/sh: POSIX sh, which parses here too
        Process check = new ProcessBuilder("sh", "-n", TRAIN_AOT.toString())
                .redirectErrorStream(true)
                .start();
        String checkOutput = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as("sh -n train-aot.sh: " + checkOutput).isZero();
        String entrypoint = runtime.stream()
                .filter(i -> i.keyword().equals("ENTRYPOINT"))
                .map(Instruction::args)
                .findFirst()
                .orElseThrow();
        assertThat(entrypoint)
                .contains("\"-XX:AOTCache=/opt/hsg-cds/app/hsg-cds.aot\", \"-jar\", \"/opt/hsg-cds/app/hsg-cds.jar\"");
        assertThat(all.indexOf(runtime.stream()
                        .filter(i -> i.keyword().equals("USER"))
                        .findFirst()
                        .orElseThrow()))
                .as("the cache is written before the image switches to the unprivileged user")
                .isGreaterThan(all.indexOf(runtime.stream()
                        .filter(i -> i.args().contains("train-aot.sh"))
                        .findFirst()
                        .orElseThrow()));
        // bench/aot.sh makes the same layout here with the same script and prints the entrypoint's command as its
        // last line; the AppCDS recipe it replaced is gone.
        assertThat(Files.readString(Path.of("bench/aot.sh")))
                .contains("docker/training/train-aot.sh target/hsg-cds.jar \"$OUT\"")
                .contains("docker/training/TrainingCalls.java")
                .doesNotContain("AOTCacheOutput")
                .contains("-XX:AOTCache=$OUT/app/hsg-cds.aot -jar $OUT/app/hsg-cds.jar");
        assertThat(Path.of("bench/appcds.sh")).doesNotExist();
        assertThat(Path.of("bench/startup.sh")).doesNotExist();
    }

    @Test
    void imageAndLoadBenchmarkStartTheJvmWithTheSameOptionsFileWhichTheJvmAccepts() throws Exception {
        List<Instruction> all = dockerfile();
        List<Instruction> runtime = runtimeStage(all);
        assertThat(runtime)
                .filteredOn(i -> i.keyword().equals("COPY"))
                .extracting(Instruction::args)
                .contains("docker/jvm.options jvm.options");
        assertThat(runtime)
                .filteredOn(i -> i.keyword().equals("ENTRYPOINT"))
                .singleElement()
                .extracting(Instruction::args)
                .asString()
                .startsWith("[\"java\", \"@/opt/hsg-cds/jvm.options\",");
        assertThat(Files.readString(DOCKER.resolve("Dockerfile.dockerignore"))).contains("!docker/jvm.options");
        assertThat(Files.readString(Path.of("bench/drivers/load.sh"))).contains("java -Xmx256m @docker/jvm.options ");

        // An option this JVM does not know, or a misspelt one, stops it before main.
        Process java = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "@" + DOCKER.resolve("jvm.options"),
                        "-XX:+PrintFlagsFinal",
                        "-version")
                .redirectErrorStream(true)
                .start();
        String flags = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor()).as(flags).isZero();
        List<String> options = Files.readAllLines(DOCKER.resolve("jvm.options")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertThat(options).isNotEmpty().allMatch(option -> option.startsWith("-XX:") || option.startsWith("-D"));
        // The one system property: the bean definitions Spring generated at build time, which must be in the jar.
        assertThat(options).filteredOn(option -> option.startsWith("-D")).containsExactly("-Dspring.aot.enabled=true");
        assertThat(Path.of("target/classes/org/hsgcds/HsgCdsApplication__ApplicationContextInitializer.class"))
                .exists();
        for (String option : options.stream().filter(o -> o.startsWith("-XX:")).toList()) {
            String name = option.substring(4).replaceFirst("^[+-]", "").replaceFirst("=.*", "");
            assertThat(flags).as(option).containsPattern(" " + name + "\\s+= .*\\{command line\\}");
        }
    }

    @Test
    void everyFileTheDockerfileCopiesExistsAndTheRuntimeGetsJarAndContent() throws IOException {
        List<Instruction> all = dockerfile();
        List<String> runtimeTargets = new ArrayList<>();
        int runtimeStart = lastIndexOf(all, "FROM");
        for (int i = 0; i < all.size(); i++) {
            Instruction instruction = all.get(i);
            if (!instruction.keyword().equals("COPY")) {
                continue;
            }
            List<String> words = List.of(instruction.args().split("\\s+"));
            List<String> sources = words.subList(0, words.size() - 1);
            if (i > runtimeStart) {
                runtimeTargets.addAll(sources);
            }
            if (sources.get(0).startsWith("--from=")) {
                assertThat(sources.get(0)).isEqualTo("--from=build");
                continue;
            }
            for (String source : sources) {
                assertThat(Path.of(source))
                        .as("COPY source %s (relative to the repository root)", source)
                        .exists();
            }
        }
        String jar = "/build/target/" + finalName() + ".jar";
        assertThat(runtimeTargets).contains(jar, "cql", "fhir-resources");
        String ignore = Files.readString(DOCKER.resolve("Dockerfile.dockerignore"));
        assertThat(ignore)
                .contains(
                        "!pom.xml",
                        "!src/main/**",
                        "!cql/**",
                        "!fhir-resources/**",
                        "!docker/healthcheck/**",
                        "!docker/training/**");
    }

    @Test
    void composeRunsTheServiceBesideHapiALoaderAndPostgresWithAgreeingNamesAndPorts() throws IOException {
        Map<String, Object> compose = yaml(DOCKER.resolve("compose.yaml"));
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsOnlyKeys("hsg-cds", "fhir", "fhir-loader", "postgres");

        Map<String, Object> service = map(services.get("hsg-cds"));
        Map<String, Object> build = map(service.get("build"));
        assertThat(DOCKER.resolve(build.get("context").toString())
                        .resolve(build.get("dockerfile").toString())
                        .normalize())
                .isEqualTo(DOCKER.resolve("Dockerfile"));
        Map<String, String> env = strings(service.get("environment"));
        assertThat(env.get("SERVER_PORT")).isEqualTo(serverPort);
        assertThat(env.get("MANAGEMENT_SERVER_PORT")).isEqualTo(managementPort);
        assertThat(list(service.get("ports"))).contains(serverPort + ":" + serverPort);
        assertThat(String.join(" ", list(map(service.get("healthcheck")).get("test"))))
                .contains(":" + managementPort + "/actuator/health/readiness");
        for (String key : List.of("HSG_ADMIN_TOKEN", "HSG_LOGGING_JSON")) {
            assertThat(env).containsKey(key);
            assertThat(app.stringPropertyNames())
                    .contains(key.toLowerCase(Locale.ROOT).replace('_', '.'));
        }

        Map<String, Object> fhir = map(services.get("fhir"));
        assertThat(fhir.get("image").toString()).startsWith("hapiproject/hapi");
        assertThat(fhir.get("network_mode")).isEqualTo("service:hsg-cds");
        String fhirPort = strings(fhir.get("environment")).get("SERVER_PORT");
        assertThat(list(service.get("ports"))).contains(fhirPort + ":" + fhirPort);
        URI allowed = URI.create(env.get("HSG_FHIR_ALLOWED_SERVERS"));
        assertThat(allowed.getHost())
                .as("plain http is allowed for loopback only")
                .isEqualTo("127.0.0.1");
        assertThat(allowed.getPort()).isEqualTo(Integer.parseInt(fhirPort));
        assertThat(allowed.getPath()).isEqualTo("/fhir");

        Map<String, Object> loader = map(services.get("fhir-loader"));
        assertThat(loader.get("image").toString()).startsWith("curlimages/curl");
        String volume = list(loader.get("volumes")).get(0);
        assertThat(DOCKER.resolve(volume.split(":")[0]).normalize()).isEqualTo(Path.of("fhir-resources/examples"));
        try (var examples = Files.list(Path.of("fhir-resources/examples"))) {
            assertThat(examples.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("patient-.*\\.json"));
        }
        String script = String.join("\n", list(loader.get("command")));
        assertThat(script).contains("http://hsg-cds:" + fhirPort + "/fhir").contains("/examples/patient-*.json");

        Map<String, String> db = strings(map(services.get("postgres")).get("environment"));
        URI jdbc = URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()));
        assertThat(jdbc.getHost()).isEqualTo("postgres");
        assertThat(jdbc.getPath()).isEqualTo("/" + db.get("POSTGRES_DB"));
        assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(db.get("POSTGRES_USER"));
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(db.get("POSTGRES_PASSWORD"));
    }

    @Test
    void kubernetesDeploymentHasProbesResourcesAndAnAutoscalerAndService() throws IOException {
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        List<String> files = new ArrayList<>();
        try (var listing = Files.list(DOCKER.resolve("k8s"))) {
            for (Path file : listing.sorted().toList()) {
                Map<String, Object> doc = yaml(file);
                if (!"Kustomization".equals(doc.get("kind"))) {
                    files.add(file.getFileName().toString());
                }
                byKind.put(doc.get("kind").toString(), doc);
            }
        }
        assertThat(byKind).containsKeys("Deployment", "Service", "HorizontalPodAutoscaler", "Kustomization");
        assertThat(list(byKind.get("Kustomization").get("resources"))).containsExactlyInAnyOrderElementsOf(files);

        Map<String, Object> deployment = byKind.get("Deployment");
        String name = map(deployment.get("metadata")).get("name").toString();
        Map<String, Object> template = map(map(deployment.get("spec")).get("template"));
        Map<String, Object> podLabels = map(map(template.get("metadata")).get("labels"));
        Map<String, Object> podSpec = map(template.get("spec"));
        assertThat(map(podSpec.get("securityContext")).get("runAsNonRoot")).isEqualTo(true);
        Map<String, Object> container = map(((List<?>) podSpec.get("containers")).get(0));
        Map<String, Integer> ports = new HashMap<>();
        for (Object port : (List<?>) container.get("ports")) {
            ports.put(map(port).get("name").toString(), (Integer) map(port).get("containerPort"));
        }
        assertThat(ports)
                .containsEntry("http", Integer.valueOf(serverPort))
                .containsEntry("management", Integer.valueOf(managementPort));
        assertThat(probe(container, "livenessProbe"))
                .containsEntry("path", "/actuator/health/liveness")
                .containsEntry("port", "management");
        assertThat(probe(container, "readinessProbe"))
                .containsEntry("path", "/actuator/health/readiness")
                .containsEntry("port", "management");
        Map<String, Object> requests = map(map(container.get("resources")).get("requests"));
        assertThat(requests).containsKeys("cpu", "memory");

        assertThat((Integer) map(deployment.get("spec")).get("replicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> pdb = map(byKind.get("PodDisruptionBudget").get("spec"));
        assertThat(pdb.get("minAvailable")).isEqualTo(1);
        assertThat(map(map(pdb.get("selector")).get("matchLabels"))).isEqualTo(podLabels);
        Map<String, String> fromSecret = new HashMap<>();
        for (Object env : (List<?>) container.get("env")) {
            Object from = map(env).get("valueFrom");
            if (from != null && map(from).get("secretKeyRef") != null) {
                fromSecret.put(
                        map(env).get("name").toString(),
                        map(map(from).get("secretKeyRef")).get("name").toString());
            }
        }
        assertThat(fromSecret)
                .containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");

        Map<String, Object> hpa = map(byKind.get("HorizontalPodAutoscaler").get("spec"));
        assertThat(map(hpa.get("scaleTargetRef")))
                .containsEntry("kind", "Deployment")
                .containsEntry("name", name);
        assertThat((Integer) hpa.get("maxReplicas")).isGreaterThan((Integer) hpa.get("minReplicas"));

        Map<String, Object> service = map(byKind.get("Service").get("spec"));
        assertThat(podLabels).containsAllEntriesOf(map(service.get("selector")));
        for (Object port : (List<?>) service.get("ports")) {
            assertThat(ports).containsKey(map(port).get("targetPort").toString());
        }
    }

    /** The image name and tag the documented build gives: the pom's own artifactId and version. */
    private static String builtImage() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String project = pom.substring(pom.indexOf("</parent>"));
        String artifactId = between(project, "<artifactId>", "</artifactId>");
        String version = between(project, "<version>", "</version>");
        return artifactId + ":" + version;
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open) + open.length();
        return text.substring(start, text.indexOf(close, start)).strip();
    }

    @Test
    void composeKubernetesAndTheDocumentedBuildNameTheSameImage() throws IOException {
        String image = builtImage();
        assertThat(image).startsWith("hsg-cds:").doesNotEndWith(":");
        String build = "docker build -f docker/Dockerfile -t " + image + " .";
        assertThat(Files.readString(DOCKER.resolve("Dockerfile"))).contains(build);
        assertThat(Files.readString(Path.of("README.md"))).contains(build);

        Map<String, Object> compose = map(yaml(DOCKER.resolve("compose.yaml")).get("services"));
        assertThat(map(compose.get("hsg-cds")).get("image")).isEqualTo(image);

        Map<String, Map<String, Object>> k8s = kubernetes();
        Map<String, Object> container = container(k8s.get("Deployment"));
        assertThat(container.get("image")).isEqualTo(image);
        String name = image.substring(0, image.indexOf(':'));
        String tag = image.substring(image.indexOf(':') + 1);
        List<?> images = (List<?>) k8s.get("Kustomization").get("images");
        assertThat(images)
                .singleElement()
                .satisfies(i -> assertThat(map(i)).containsEntry("name", name).containsEntry("newTag", tag));
    }

    @Test
    void composeImagesArePinnedToAVersion() throws IOException {
        Map<String, Object> services = map(yaml(DOCKER.resolve("compose.yaml")).get("services"));
        assertThat(services.values()).allSatisfy(service -> {
            String image = String.valueOf(map(service).get("image"));
            assertThat(image)
                    .as("compose image %s: a version tag (a digest would do too), never latest or none", image)
                    .matches("[a-z0-9./_-]+(:[A-Za-z0-9._-]*\\d[A-Za-z0-9._-]*|@sha256:[0-9a-f]{64})")
                    .doesNotContain(":latest");
        });
    }

    @Test
    void managementPortIsLoopbackUnlessAContainerOpensItBehindANetworkPolicy() throws IOException {
        assertThat(app.getProperty("management.server.address")).isEqualTo("127.0.0.1");
        // compose: the health check runs inside the container, on loopback, and 8081 is not published
        Map<String, Object> service =
                map(map(yaml(DOCKER.resolve("compose.yaml")).get("services")).get("hsg-cds"));
        assertThat(String.join(" ", list(map(service.get("healthcheck")).get("test"))))
                .contains("http://127.0.0.1:" + managementPort + "/");
        assertThat(list(service.get("ports"))).noneMatch(p -> p.contains(managementPort));
        // Kubernetes: probes and scrapers come from outside the pod, so it opens, and the policy narrows it
        Map<String, Map<String, Object>> k8s = kubernetes();
        Map<String, String> config = strings(k8s.get("ConfigMap").get("data"));
        assertThat(config).containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0");
        Map<String, Object> policy = map(k8s.get("NetworkPolicy").get("spec"));
        Map<String, Object> podLabels = map(
                map(map(map(k8s.get("Deployment").get("spec")).get("template")).get("metadata"))
                        .get("labels"));
        assertThat(podLabels)
                .containsAllEntriesOf(map(map(policy.get("podSelector")).get("matchLabels")));
        assertThat(list(policy.get("policyTypes"))).contains("Ingress", "Egress");
        Map<String, List<Object>> fromByPort = new HashMap<>();
        for (Object rule : (List<?>) policy.get("ingress")) {
            for (Object port : (List<?>) map(rule).get("ports")) {
                fromByPort.put(String.valueOf(map(port).get("port")), List.copyOf((List<?>)
                        map(rule).get("from")));
            }
        }
        assertThat(fromByPort).containsOnlyKeys("http", "management");
        assertThat(fromByPort.get("management"))
                .as("the management port is not open to those who may call the CDS port")
                .isNotEmpty()
                .doesNotContainAnyElementsOf(fromByPort.get("http"));
        Map<String, Integer> ports = containerPorts(container(k8s.get("Deployment")));
        assertThat(ports).containsKeys("http", "management");
    }

    @Test
    void kubernetesNamesTheExternalBaseUrlAndRoutesItOverTls() throws IOException {
        Map<String, Map<String, Object>> k8s = kubernetes();
        Map<String, String> config = strings(k8s.get("ConfigMap").get("data"));
        // relaxed binding: HSG_SECURITY_EXTERNALBASEURL is hsg.security.external-base-url
        String external = config.get("HSG_SECURITY_EXTERNALBASEURL");
        assertThat(external).isNotNull().startsWith("https://");
        assertThat(config.get("HSG_PUBLIC_BASE_URL")).isEqualTo(external);
        Map<String, Object> ingress = map(k8s.get("Ingress").get("spec"));
        Map<String, Object> rule = map(((List<?>) ingress.get("rules")).get(0));
        String host = URI.create(external).getHost();
        assertThat(rule.get("host")).isEqualTo(host);
        Map<String, Object> tls = map(((List<?>) ingress.get("tls")).get(0));
        assertThat(list(tls.get("hosts"))).contains(host);
        assertThat(tls.get("secretName")).isNotNull();
        Map<String, Object> backend = map(
                map(map(((List<?>) map(rule.get("http")).get("paths")).get(0)).get("backend"))
                        .get("service"));
        Map<String, Object> service = k8s.get("Service");
        assertThat(backend.get("name")).isEqualTo(map(service.get("metadata")).get("name"));
        String portName = map(backend.get("port")).get("name").toString();
        assertThat((List<?>) map(service.get("spec")).get("ports"))
                .anySatisfy(p -> assertThat(map(p)).containsEntry("name", portName));
        String bodySize = map(map(k8s.get("Ingress").get("metadata")).get("annotations"))
                .get("nginx.ingress.kubernetes.io/proxy-body-size")
                .toString();
        assertThat(Integer.parseInt(bodySize.replace("m", "")))
                .as("the proxy lets bodies up to hsg.security.max-body-size (5MB) through, so the service answers 413")
                .isGreaterThan(5);
    }

    private static Map<String, Map<String, Object>> kubernetes() throws IOException {
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        try (var listing = Files.list(DOCKER.resolve("k8s"))) {
            for (Path file : listing.sorted().toList()) {
                Map<String, Object> doc = yaml(file);
                byKind.put(doc.get("kind").toString(), doc);
            }
        }
        return byKind;
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        Map<String, Object> podSpec =
                map(map(map(deployment.get("spec")).get("template")).get("spec"));
        return map(((List<?>) podSpec.get("containers")).get(0));
    }

    private static Map<String, Integer> containerPorts(Map<String, Object> container) {
        Map<String, Integer> ports = new HashMap<>();
        for (Object port : (List<?>) container.get("ports")) {
            ports.put(map(port).get("name").toString(), (Integer) map(port).get("containerPort"));
        }
        return ports;
    }

    private static Map<String, Object> probe(Map<String, Object> container, String name) {
        return map(map(container.get(name)).get("httpGet"));
    }

    private static String finalName() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        int start = pom.indexOf("<finalName>") + "<finalName>".length();
        return pom.substring(start, pom.indexOf("</finalName>"));
    }

    /** The instructions of the last stage: what the image that runs is made of. */
    private static List<Instruction> runtimeStage(List<Instruction> all) {
        return all.subList(lastIndexOf(all, "FROM"), all.size());
    }

    private static int lastIndexOf(List<Instruction> all, String keyword) {
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).keyword().equals(keyword)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<String> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> result = new HashMap<>();
        map(value).forEach((k, v) -> result.put(k, String.valueOf(v)));
        return result;
    }
}
