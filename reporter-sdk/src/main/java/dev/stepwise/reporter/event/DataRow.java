package dev.stepwise.reporter.event;

import java.util.Objects;

/**
 * The data-table row a table-driven scenario ran for.
 *
 * @param specTableRowIndex     0-based row in the spec data table, or -1
 * @param scenarioTableRowIndex 0-based row in the scenario data table, or -1
 * @param scenarioRow           the scenario-table row as a one-row table ({@link Table#EMPTY} if none)
 */
public record DataRow(int specTableRowIndex, int scenarioTableRowIndex, Table scenarioRow) {
    public DataRow {
        Objects.requireNonNull(scenarioRow, "scenarioRow");
    }
}
