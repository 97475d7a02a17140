package dev.bridgekeeper.oauth.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two browser-facing steps of linking. Both are public: the customer's browser carries no
 * API key. The linkUrl is the capability (unguessable ids); the callback trusts only a valid state.
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
    ResponseEntity<String> callback(@RequestParam(required = false) String code,
            @RequestParam(required = false) String state, @RequestParam(required = false) String error,
            @RequestParam(name = "error_description", required = false) String errorDescription) {
        return answer(flow.callback(code, state, error, errorDescription));
    }

    private static ResponseEntity<String> answer(LinkFlow.Outcome outcome) {
        if (outcome instanceof LinkFlow.Redirect redirect) {
            return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, redirect.location().toString())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Referrer-Policy", "no-referrer").build();
        }
        LinkFlow.Page page = (LinkFlow.Page) outcome;
        return LinkPages.page(HttpStatus.valueOf(page.status()), page.title(), page.message(),
                dev.bridgekeeper.platform.web.CorrelationId.current());
    }
}
