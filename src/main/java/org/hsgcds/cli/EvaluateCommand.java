package org.hsgcds.cli;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hsgcds.cdshooks.Card;
import org.hsgcds.cdshooks.CdsResponse;
import org.hsgcds.check.HsgOrder;
import org.hsgcds.check.HsgOrders;
import org.hsgcds.check.InvalidOrderException;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentException;
import org.hsgcds.content.ContentLoader;
import org.hsgcds.evaluation.PlannedDate;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar hsg-cds.jar evaluate ...}: the cards for one patient bundle, or a topic per patient
 * for a Bulk Data export, without starting the web server. Exit 0 on success, 1 when an input cannot
 * be read, 2 on a usage error.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Evaluate the HSG rules without the web server: one patient bundle, or a Bulk Data NDJSON export.")
public final class EvaluateCommand implements Callable<Integer> {

    enum Format {
        json,
        text
    }

    static final class Input {
        @Option(
                names = "--patient-bundle",
                paramLabel = "FILE",
                description = "A FHIR Bundle (collection, transaction or searchset) with one patient's record")
        Path patientBundle;

        @Option(
                names = "--ndjson",
                paramLabel = "DIR",
                description =
                        "A Bulk Data export directory (Patient.ndjson, Condition.ndjson, ...): one JSON line per patient")
        Path ndjson;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(
            names = "--order",
            paramLabel = "FILE",
            description =
                    "The draft ServiceRequest (JSON); default an HSG order (coded from the HSG order value set) planned on --date")
    Path order;

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "The planned HSG date, when the order gives none (default: today)")
    LocalDate date;

    @Option(
            names = "--today",
            paramLabel = "YYYY-MM-DD",
            description = "The day the check is made on (default: today in the site protocol's time zone); a planned"
                    + " date before it has passed")
    LocalDate asOf;

    @Option(
            names = "--format",
            defaultValue = "json",
            description = "json (a CDS Hooks response) or text (one line per card)")
    Format format;

    @Option(
            names = "--content",
            defaultValue = "classpath:",
            paramLabel = "LOCATION",
            description =
                    "Where cql/ and fhir-resources/ are read from, e.g. file:/opt/hsg-cds/ (default: the copy in the jar)")
    String content;

    @Option(
            names = "--protocol",
            paramLabel = "FILE",
            description =
                    "The site protocol (JSON, some or all keys) over the content's fhir-resources/site-protocol.json")
    Path protocol;

    @Option(
            names = "--base-url",
            defaultValue = "http://localhost:8080",
            description = "The service URL used in card links")
    String baseUrl;

    @Option(names = "--threads", description = "Evaluation threads for --ndjson (default: available processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    private final PrintStream out;
    private final PrintStream err;

    EvaluateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command with the given arguments (without the leading "evaluate") and returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new EvaluateCommand(out, err))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    cl.getErr().println("hsg-cds evaluate: " + e.getMessage());
                    return 1;
                });
        return commandLine.execute(args);
    }

    /** The entry point from {@code main}: logging to stderr, then {@link #run}. */
    public static int runFromMain(String... args) {
        CliLogging.toStderr();
        return run(System.out, System.err, args);
    }

    @Override
    public Integer call() throws IOException {
        FhirContext fhirContext = FhirContext.forR4Cached();
        CompiledContent rules = load(fhirContext);
        PatientEvaluator evaluator = new PatientEvaluator(rules, baseUrl);
        // "Today" is the date in the department's time zone (the site protocol's; by default the JVM's).
        LocalDate today = asOf != null ? asOf : LocalDate.now(evaluator.orders().zone());
        LocalDate planned = date != null ? date : today;
        if (input.ndjson != null) {
            if (order != null) {
                throw new IllegalArgumentException(
                        "--order applies to --patient-bundle only; --ndjson plans an HSG on --date");
            }
            new NdjsonEvaluation(fhirContext, evaluator, threads, out, err).run(input.ndjson, planned, today);
            return 0;
        }
        List<Resource> resources = resources(fhirContext, input.patientBundle);
        String patientId = resources.stream()
                .filter(Patient.class::isInstance)
                .findFirst()
                .map(r -> r.getIdElement().getIdPart())
                .orElseThrow(() -> new IllegalArgumentException(input.patientBundle + " holds no Patient resource"));
        List<Card> cards = List.of();
        HsgOrder hsg = order == null
                ? evaluator.plannedOrder(patientId, planned)
                : readOrder(fhirContext, evaluator.orders(), planned, today);
        if (hsg != null) {
            cards = evaluator.cards(patientId, resources, List.of(), hsg, today);
        }
        print(cards);
        return 0;
    }

    private CompiledContent load(FhirContext fhirContext) {
        try {
            return ContentLoader.strict(fhirContext)
                    .withProtocolOverride(protocol == null ? null : "file:" + protocol.toAbsolutePath())
                    .load(content);
        } catch (ContentException e) {
            throw new IllegalStateException("The rule content at " + content + " is broken: " + e.getMessage(), e);
        }
    }

    private void print(List<Card> cards) throws IOException {
        if (format == Format.text) {
            cards.forEach(
                    c -> out.println(c.indicator() + " " + c.source().topic().code() + ": " + c.summary()));
        } else {
            ObjectMapper mapper = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(new CdsResponse(cards)));
        }
        out.flush();
    }

    private static List<Resource> resources(FhirContext fhirContext, Path file) throws IOException {
        IBaseResource parsed = parse(fhirContext, file);
        List<Resource> resources = new ArrayList<>();
        if (parsed instanceof Bundle bundle) {
            bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(r -> r != null)
                    .forEach(resources::add);
        } else if (parsed instanceof Resource resource) {
            resources.add(resource);
        }
        return resources;
    }

    /**
     * The order from --order, read as a hook reads a draft order ({@link HsgOrders}): null when it is not an HSG order
     * (a hook call would answer no cards either). An order that gives no date is planned on --date.
     */
    private HsgOrder readOrder(FhirContext fhirContext, HsgOrders orders, LocalDate planned, LocalDate today)
            throws IOException {
        if (!(parse(fhirContext, order) instanceof ServiceRequest request)) {
            throw new IllegalArgumentException(order + " is not a ServiceRequest");
        }
        if (!orders.isHsg(request)) {
            err.println("hsg-cds evaluate: " + order.getFileName() + " is not an HSG order; no cards");
            return null;
        }
        PlannedDate when;
        try {
            when = HsgOrders.hasOccurrence(request)
                    ? HsgOrders.plannedDate(request, today, orders.zone())
                    : PlannedDate.on(planned);
        } catch (InvalidOrderException e) {
            throw new IllegalArgumentException(order.getFileName() + ": " + e.getMessage(), e);
        }
        if (!request.getIdElement().hasIdPart()) {
            request.setId("hsg-planned");
        }
        JsonNode json = new ObjectMapper().readTree(Files.readString(order, StandardCharsets.UTF_8));
        return HsgOrders.order(request, json, when);
    }

    private static IBaseResource parse(FhirContext fhirContext, Path file) throws IOException {
        try {
            return fhirContext.newJsonParser().parseResource(Files.readString(file, StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(file + " is not FHIR R4 JSON: " + e.getMessage(), e);
        }
    }
}
