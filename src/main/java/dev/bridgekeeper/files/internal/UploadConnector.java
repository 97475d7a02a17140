package dev.bridgekeeper.files.internal;

import dev.bridgekeeper.connector.AuthorizationAdapter;
import dev.bridgekeeper.connector.Connector;
import dev.bridgekeeper.connector.ConnectorRecord;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.GrantContext;
import dev.bridgekeeper.connector.IncrementalSupport;
import dev.bridgekeeper.connector.Organisation;
import dev.bridgekeeper.connector.RatePolicy;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadFailure;
import dev.bridgekeeper.connector.ReadRequest;
import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.files.FileKind;
import dev.bridgekeeper.files.internal.statement.BankStatement;
import dev.bridgekeeper.files.internal.statement.Camt053Statements;
import dev.bridgekeeper.files.internal.statement.OfxStatements;
import dev.bridgekeeper.files.internal.statement.StatementException;
import dev.bridgekeeper.files.internal.statement.StatementRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector of the file-upload integration ({@code connector: file-upload}): no sign-in, and its readers turn the
 * company's read OFX and CAMT.053 statements into {@code banking-accounts} and {@code banking-transactions}. Every
 * read is a full one (the statements are small and a later file may correct an earlier one), so a record no
 * statement holds any more is marked deleted by the sync engine.
 */
@Component
class UploadConnector implements Connector {

    private final FileStore store;
    private final JsonMapper json;
    private final AuthorizationAdapter authorization = new AuthorizationAdapter() {
        @Override
        public List<Organisation> organisations(GrantContext grant) {
            throw new IllegalStateException("Uploaded documents are never authorised at a vendor");
        }
    };

    UploadConnector(FileStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    @Override
    public String id() {
        return "file-upload";
    }

    @Override
    public AuthorizationAdapter authorization() {
        return authorization;
    }

    @Override
    public Optional<DataTypeReader> reader(String dataType) {
        return switch (dataType) {
            case "banking-accounts" -> Optional.of((context, request, sink) -> read(context, request, sink, true));
            case "banking-transactions" -> Optional.of((context, request, sink) -> read(context, request, sink,
                    false));
            default -> Optional.empty();
        };
    }

    @Override
    public IncrementalSupport incremental(String dataType) {
        return IncrementalSupport.none();
    }

    @Override
    public RatePolicy ratePolicy() {
        return RatePolicy.none();
    }

    /** Pages through the records of every read statement; the cursor is the index of the next record. */
    private void read(ReadContext context, ReadRequest request, PageSink sink, boolean accounts) {
        UUID connectionId = connectionOf(context);
        List<StatementRecords.Uploaded> statements = new ArrayList<>();
        for (FileStore.StatementFile file : store.readStatements(connectionId)) {
            try {
                List<BankStatement> read = file.kind() == FileKind.Ofx ? OfxStatements.read(file.content())
                        : Camt053Statements.read(file.content());
                read.forEach(s -> statements.add(new StatementRecords.Uploaded(s, file.uploaded())));
            } catch (StatementException e) { // read at upload, so only a changed parser could get here
                throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "Uploaded statement " + file.id()
                        + " cannot be read: " + e.getMessage());
            }
        }
        StatementRecords records = new StatementRecords(statements, json);
        List<StatementRecords.Record> all = accounts ? records.accounts() : records.transactions();
        int from = request.cursor() == null ? 0 : Integer.parseInt(request.cursor());
        int size = Math.max(1, request.pageSize());
        if (all.isEmpty()) {
            sink.accept(List.of(), null, 100);
            return;
        }
        for (int at = from; at < all.size(); at += size) {
            int to = Math.min(all.size(), at + size);
            List<ConnectorRecord> page = all.subList(at, to).stream()
                    .map(r -> ConnectorRecord.of(r.id(), r.json(), r.modified(), r.sourceModified(), false)).toList();
            sink.accept(page, to < all.size() ? String.valueOf(to) : null, to * 100 / all.size());
        }
    }

    /** The upload connection's organisation is the company; its statements are found by the connection's id. */
    private static UUID connectionOf(ReadContext context) {
        Object id = context.organisation().details().get("connectionId");
        if (id == null) {
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "The upload connection has no connection id.");
        }
        return UUID.fromString(id.toString());
    }
}
