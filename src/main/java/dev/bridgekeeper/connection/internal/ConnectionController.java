package dev.bridgekeeper.connection.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.bridgekeeper.connection.Connection;
import dev.bridgekeeper.connection.ConnectionStatus;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.platform.security.CompanyScopedEndpoints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /companies/{companyId}/connections}. Listing, creating, reading and unlinking are also open
 * to the company's own access token: they are what Link and connection management need.
 */
@RestController
@Tag(name = "Connections")
class ConnectionController implements CompanyScopedEndpoints {

    private final ConnectionService connections;

    ConnectionController(ConnectionService connections) {
        this.connections = connections;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(
                new Endpoint(HttpMethod.GET, "/companies/{companyId}/connections"),
                new Endpoint(HttpMethod.POST, "/companies/{companyId}/connections"),
                new Endpoint(HttpMethod.GET, "/companies/{companyId}/connections/{connectionId}"),
                new Endpoint(HttpMethod.PATCH, "/companies/{companyId}/connections/{connectionId}"));
    }

    record CreateConnection(String platformKey) {}

    record UpdateConnectionStatus(ConnectionStatus status) {}

    @Operation(operationId = "list-connections", summary = "List connections")
    @GetMapping("/companies/{companyId}/connections")
    PagedResults<Connection> list(@PathVariable UUID companyId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer pageSize, @RequestParam(required = false) String query,
            @RequestParam(required = false) String orderBy) {
        PageRequest request = PageRequest.of(page, pageSize);
        Map<String, String> carried = new LinkedHashMap<>();
        carried.put("query", query);
        carried.put("orderBy", orderBy);
        return connections.list(Caller.current().client(), CompanyId.of(companyId), request, query, orderBy)
                .map(Connection::of).toPagedResults(request, "/companies/" + companyId + "/connections", carried);
    }

    @Operation(operationId = "create-connection", summary = "Create a connection")
    @PostMapping("/companies/{companyId}/connections")
    Connection create(@PathVariable UUID companyId, @RequestBody CreateConnection body) {
        return Connection.of(connections.create(Caller.current().client(), CompanyId.of(companyId),
                body.platformKey()));
    }

    @Operation(operationId = "get-connection", summary = "Get a connection")
    @GetMapping("/companies/{companyId}/connections/{connectionId}")
    Connection get(@PathVariable UUID companyId, @PathVariable UUID connectionId) {
        return Connection.of(connections.get(Caller.current().client(), CompanyId.of(companyId),
                ConnectionId.of(connectionId)));
    }

    @Operation(operationId = "delete-connection", summary = "Delete a connection")
    @DeleteMapping("/companies/{companyId}/connections/{connectionId}")
    ResponseEntity<Void> delete(@PathVariable UUID companyId, @PathVariable UUID connectionId) {
        connections.delete(Caller.current().client(), CompanyId.of(companyId), ConnectionId.of(connectionId));
        return ResponseEntity.ok().build();
    }

    @Operation(operationId = "unlink-connection", summary = "Unlink a connection")
    @PatchMapping("/companies/{companyId}/connections/{connectionId}")
    Connection unlink(@PathVariable UUID companyId, @PathVariable UUID connectionId,
            @RequestBody UpdateConnectionStatus body) {
        return Connection.of(connections.unlink(Caller.current().client(), CompanyId.of(companyId),
                ConnectionId.of(connectionId), body.status()));
    }

    @Operation(operationId = "update-connection-authorization", summary = "Update authorization properties")
    @PutMapping("/companies/{companyId}/connections/{connectionId}/authorization")
    Connection updateAuthorization(@PathVariable UUID companyId, @PathVariable UUID connectionId,
            @RequestBody Map<String, String> body) {
        return Connection.of(connections.updateAuthorization(Caller.current().client(), CompanyId.of(companyId),
                ConnectionId.of(connectionId), body));
    }
}
