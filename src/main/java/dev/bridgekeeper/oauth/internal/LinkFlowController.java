package dev.bridgekeeper.oauth.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser-facing steps of linking. All are public: the customer's browser carries no API key. The linkUrl is
 * the capability (unguessable ids); the callback trusts only a valid state; the organisation choice only its
 * single-use choice token.
 */
@RestController
@Tag(name = "Link flow")
class LinkFlowController {

    private final LinkFlow flow;

    LinkFlowController(LinkFlow flow) {
        this.flow = flow;
    }

    @Operation(operationId = "start-connection-authorization",
            summary = "Send the customer's browser to the platform to authorise the connection (the linkUrl)")
    @GetMapping("/companies/{companyId}/connections/{connectionId}/start")
    ResponseEntity<String> start(@PathVariable UUID companyId, @PathVariable UUID connectionId,
            @RequestParam Map<String, String> query) {
        return answer(flow.start(companyId, connectionId, query));
    }

    @Operation(operationId = "complete-connection-authorization",
            summary = "The single OAuth callback: platforms send the customer back here")
    @GetMapping(LinkFlow.CALLBACK_PATH)
    ResponseEntity<String> callback(@RequestParam Map<String, String> query) {
        return answer(flow.callback(query));
    }

    @Operation(operationId = "choose-connection-organisation",
            summary = "The customer picks which of the organisations a sign-in granted the connection is for")
    @PostMapping(path = LinkFlow.CHOICE_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> choose(@RequestParam(required = false) String choice,
            @RequestParam(required = false) String organisation) {
        return answer(flow.choose(choice, organisation == null ? "" : organisation));
    }

    private static ResponseEntity<String> answer(LinkFlow.Outcome outcome) {
        if (outcome instanceof LinkFlow.Redirect redirect) {
            return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, redirect.location().toString())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Referrer-Policy", "no-referrer").build();
        }
        if (outcome instanceof LinkFlow.Choice choice) {
            return LinkPages.choice(choice.token(), choice.platformName(), choice.organisations(), choice.error());
        }
        LinkFlow.Page page = (LinkFlow.Page) outcome;
        return LinkPages.page(HttpStatus.valueOf(page.status()), page.title(), page.message(),
                dev.bridgekeeper.platform.web.CorrelationId.current());
    }
}
