package dev.bridgekeeper.files.internal;

import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.ConsentRecords;
import dev.bridgekeeper.consent.ConsentStatus;
import dev.bridgekeeper.files.UploadedFile;
import dev.bridgekeeper.files.UploadedFiles;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.platform.security.CompanyScopedEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The Link journey's way forward when the customer's platform is not listed: the limits to state up front, the
 * consent for the upload (recorded like any Link consent, on the company's upload connection), then the files. A
 * Hosted Link token reaches all three, as it reaches the journey's other steps.
 */
@RestController
@Tag(name = "Link", description = "Endpoints the Link UI calls with a company access token")
class LinkUploadController implements CompanyScopedEndpoints {

    static final String BASE = "/link/api/companies/{companyId}/uploads";
    static final String FILES = BASE + "/files";
    private static final int MAX_CONSENT_TEXT = 20_000;

    private final UploadedFiles files;
    private final UploadConnections uploadConnections;
    private final ConsentRecords consents;
    private final FilesProperties limits;

    LinkUploadController(UploadedFiles files, UploadConnections uploadConnections, ConsentRecords consents,
            FilesProperties limits) {
        this.files = files;
        this.uploadConnections = uploadConnections;
        this.consents = consents;
        this.limits = limits;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(Endpoint.forJourney(HttpMethod.GET, BASE), Endpoint.forJourney(HttpMethod.POST,
                BASE + "/consent"), Endpoint.forJourney(HttpMethod.POST, FILES));
    }

    /** What the upload screen states before the customer picks a file. */
    record UploadLimits(long maxFileSizeBytes, int maxFilesPerUpload, int maxFilesPerCompany, long maxBytesPerCompany,
            List<String> allowedTypes, List<String> allowedExtensions) {}

    /** The customer's uploads so far, and whether they have agreed to share them. */
    record Uploads(UploadLimits limits, boolean consented, List<FilesController.StoredFile> files) {}

    /** The consent text exactly as shown, and Link or HostedLink (a Hosted Link token's own channel wins). */
    record UploadConsent(String text, String channel) {}

    record RecordedUploadConsent(String connectionId, List<String> consentIds, String textSha256) {}

    @Operation(operationId = "get-link-uploads", summary = "Get the upload limits and the files uploaded so far")
    @GetMapping(BASE)
    Uploads uploads(@PathVariable UUID companyId) {
        ClientId client = Caller.current().client();
        CompanyId company = CompanyId.of(companyId);
        List<FilesController.StoredFile> uploaded = files.list(client, company, null).stream()
                .map(FilesController.StoredFile::of).toList();
        return new Uploads(limits(), consented(client, company), uploaded);
    }

    @Operation(operationId = "record-link-upload-consent", summary = "Record the customer's consent to share uploads",
            description = "Makes (or finds) the company's file-upload connection, Linked, and records the text the"
                    + " customer accepted as consent records on it, as POST .../consents does for a platform. Files"
                    + " can be uploaded once it is recorded.")
    @PostMapping(BASE + "/consent")
    @ResponseStatus(HttpStatus.CREATED)
    RecordedUploadConsent consent(@PathVariable UUID companyId, @RequestBody UploadConsent body,
            HttpServletRequest request) {
        ValidationErrors errors = new ValidationErrors();
        if (body == null || body.text() == null || body.text().isBlank()) {
            errors.reject("text", "\"text\" is required: the consent text exactly as the customer saw it.");
        } else if (body.text().length() > MAX_CONSENT_TEXT) {
            errors.reject("text", "\"text\" can be at most " + MAX_CONSENT_TEXT + " characters.");
        }
        Caller caller = Caller.current();
        ConsentChannel channel = caller.hostedLink() ? ConsentChannel.HostedLink : ConsentChannel.Link;
        if (body != null && body.channel() != null) {
            if (!body.channel().equalsIgnoreCase("Link") && !body.channel().equalsIgnoreCase("HostedLink")) {
                errors.reject("channel", "\"channel\" must be Link or HostedLink.");
            } else if (!caller.hostedLink()) {
                channel = body.channel().equalsIgnoreCase("Link") ? ConsentChannel.Link : ConsentChannel.HostedLink;
            }
        }
        errors.throwIfAny();
        CompanyId company = CompanyId.of(companyId);
        DataConnection connection = uploadConnections.forCompany(caller.client(), company);
        List<Consent> recorded = consents.acceptInLink(caller.client(), company, new ConsentRecords.LinkAcceptance(
                connection.id(), connection.sourceType(), body.text(), null, null, channel,
                caller.kind() == Caller.Kind.COMPANY_TOKEN ? "CompanyToken" : "ApiKey", request.getRemoteAddr(),
                request.getHeader("User-Agent"), null));
        return new RecordedUploadConsent(connection.id().toString(),
                recorded.stream().map(c -> c.id().toString()).toList(), recorded.get(0).textSha256());
    }

    @Operation(operationId = "upload-link-files", summary = "Upload the customer's files",
            description = "The files as multipart/form-data parts named \"file\", checked and stored as Codat's"
                    + " upload-files does, on the company's file-upload connection. 409 until the customer's consent"
                    + " to share uploads is recorded (POST .../uploads/consent).")
    @PostMapping(path = FILES, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    List<FilesController.StoredFile> upload(@PathVariable UUID companyId,
            @RequestPart("file") List<MultipartFile> file) {
        Caller caller = Caller.current();
        CompanyId company = CompanyId.of(companyId);
        DataConnection connection = uploadConnection(caller.client(), company);
        String by = caller.hostedLink() ? "HostedLink" : caller.kind() == Caller.Kind.COMPANY_TOKEN ? "CompanyToken"
                : "ApiKey";
        return files.upload(caller.client(), company, connection.id(), FilesController.incoming(file), by).stream()
                .map(FilesController.StoredFile::of).toList();
    }

    /** The upload connection an Active consent covers; 409 before the customer agreed. */
    private DataConnection uploadConnection(ClientId client, CompanyId company) {
        if (!consented(client, company)) {
            throw ApiException.conflict("The customer has not agreed to share uploaded files yet: record the consent"
                    + " shown with POST /link/api/companies/" + company + "/uploads/consent first.");
        }
        return uploadConnections.forCompany(client, company);
    }

    private boolean consented(ClientId client, CompanyId company) {
        List<Consent> all = consents.list(client, company);
        return uploadConnections.existing(client, company).map(c -> all.stream().anyMatch(
                consent -> consent.status() == ConsentStatus.Active && consent.covers(c.id(), c.sourceType())))
                .orElse(false);
    }

    private UploadLimits limits() {
        return new UploadLimits(limits.maxFileSize().toBytes(), limits.maxFilesPerRequest(),
                limits.maxFilesPerCompany(), limits.maxBytesPerCompany().toBytes(), FilesController.allowedTypes(),
                java.util.Arrays.stream(dev.bridgekeeper.files.FileKind.values())
                        .flatMap(k -> k.extensions().stream()).map(e -> "." + e).toList());
    }
}
