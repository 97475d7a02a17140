package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.ReadFailure;
import java.time.YearMonth;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One month of a report QuickBooks summarised by month ({@code summarize_column_by=Month}): Intuit gives each month a
 * column whose {@code MetaData} names its {@code StartDate} and {@code EndDate}, and every row a cell per column. The
 * month is cut out as the report of that month alone would be: its Header, the label column and the month's column.
 * An account row whose cell is {@code ""} or absent (nothing that month) is left out, as the month's own report leaves
 * it out.
 */
final class QboMonthColumns {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private QboMonthColumns() {
    }

    /** The report of {@code month} inside {@code report}; a FetchError when QuickBooks answered no column for it. */
    static JsonNode month(JsonNode report, YearMonth month) {
        int column = column(report, month);
        if (column < 0) {
            throw new ReadFailure(ReadFailure.Kind.FETCH_ERROR, "QuickBooks answered no column for " + month
                    + " in the " + QboValues.text(report.path("Header"), "ReportName") + " report.");
        }
        ObjectNode out = NODES.objectNode();
        out.set("Header", report.path("Header").deepCopy());
        ArrayNode columns = out.putObject("Columns").putArray("Column");
        JsonNode all = report.path("Columns").path("Column");
        columns.add(all.path(0).deepCopy());
        columns.add(all.path(column).deepCopy());
        out.putObject("Rows").set("Row", rows(report.path("Rows").path("Row"), column));
        return out;
    }

    /** The index of the column whose StartDate is the month's first day, or -1. */
    private static int column(JsonNode report, YearMonth month) {
        JsonNode columns = report.path("Columns").path("Column");
        for (int i = 1; i < columns.size(); i++) {
            for (JsonNode meta : columns.path(i).path("MetaData")) {
                if ("StartDate".equals(QboValues.text(meta, "Name"))
                        && month.atDay(1).toString().equals(QboValues.text(meta, "Value"))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static ArrayNode rows(JsonNode rows, int column) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode row : rows) {
            ObjectNode copy = NODES.objectNode();
            if (row.has("ColData")) {
                ArrayNode cells = cells(row.path("ColData"), column);
                if (QboValues.text(cells.path(1), "value") == null) {
                    continue; // no amount this month: the month's own report has no row for the account
                }
                copy.set("ColData", cells);
            }
            if (row.has("Header")) {
                copy.putObject("Header").set("ColData", cells(row.path("Header").path("ColData"), column));
            }
            if (row.has("Rows")) {
                copy.putObject("Rows").set("Row", rows(row.path("Rows").path("Row"), column));
            }
            if (row.has("Summary")) {
                copy.putObject("Summary").set("ColData", cells(row.path("Summary").path("ColData"), column));
            }
            for (String attribute : new String[] {"type", "group"}) {
                if (row.has(attribute)) {
                    copy.set(attribute, row.get(attribute).deepCopy());
                }
            }
            out.add(copy);
        }
        return out;
    }

    /** The label cell and the cell of {@code column}. */
    private static ArrayNode cells(JsonNode colData, int column) {
        ArrayNode out = NODES.arrayNode();
        out.add(colData.path(0).deepCopy());
        out.add(colData.path(column).deepCopy());
        return out;
    }
}
