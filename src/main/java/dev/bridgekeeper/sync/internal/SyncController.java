package dev.bridgekeeper.sync.internal;

import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.sync.DataStatus;
import dev.bridgekeeper.sync.DataSync;
import dev.bridgekeeper.sync.PullOperation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Codat's "Refresh data" endpoints: queue pulls, see each data type's status and the pull history. */
@RestController
@Tag(name = "Refresh data")
class SyncController {

    private final DataSync sync;

    SyncController(DataSync sync) {
        this.sync = sync;
    }

    @Operation(operationId = "refresh-company-data", summary = "Refresh all data",
            description = "Queues a pull of every data type the company syncs, on each of its Linked connections.")
    @PostMapping("/companies/{companyId}/data/all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> refreshAll(@PathVariable("companyId") UUID companyId) {
        sync.queueAll(Caller.current().client(), CompanyId.of(companyId));
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "refresh-data-type", summary = "Refresh data type",
            description = "Queues a pull of one data type on the company's Linked connections that offer it.")
    @PostMapping("/companies/{companyId}/data/queue/{dataType}")
    PullOperation refreshDataType(@PathVariable("companyId") UUID companyId,
            @PathVariable("dataType") String dataType,
            @RequestParam(name = "connectionId", required = false) UUID connectionId) {
        return sync.queue(Caller.current().client(), CompanyId.of(companyId), dataType,
                connectionId == null ? null : ConnectionId.of(connectionId));
    }

    @Operation(operationId = "get-company-data-status", summary = "Get data status",
            description = "The latest pull of each data type the company has synced, and its last success.")
    @GetMapping("/companies/{companyId}/dataStatus")
    Map<String, DataStatus> dataStatus(@PathVariable("companyId") UUID companyId) {
        return sync.dataStatus(Caller.current().client(), CompanyId.of(companyId));
    }

    @Operation(operationId = "list-pull-operations", summary = "List pull operations")
    @GetMapping("/companies/{companyId}/data/history")
    PagedResults<PullOperation> history(@PathVariable("companyId") UUID companyId,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "pageSize", required = false) Integer pageSize,
            @RequestParam(name = "query", required = false) String query,
            @RequestParam(name = "orderBy", required = false) String orderBy) {
        PageRequest request = PageRequest.of(page, pageSize);
        Map<String, String> carried = new LinkedHashMap<>();
        carried.put("query", query);
        carried.put("orderBy", orderBy);
        return sync.history(Caller.current().client(), CompanyId.of(companyId), request, query, orderBy)
                .toPagedResults(request, "/companies/" + companyId + "/data/history", carried);
    }

    @Operation(operationId = "get-pull-operation", summary = "Get pull operation")
    @GetMapping("/companies/{companyId}/data/history/{datasetId}")
    PullOperation pullOperation(@PathVariable("companyId") UUID companyId,
            @PathVariable("datasetId") UUID datasetId) {
        return sync.pullOperation(Caller.current().client(), CompanyId.of(companyId), datasetId);
    }
}
