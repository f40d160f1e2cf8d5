/** A small read-only table: a label for screen readers, optional column headers, one row per item. */
import * as React from "react";
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";

export interface DataTableProps {
  label: string;
  /** Column headers; none for a two-column list of names and values. */
  columns?: React.ReactNode[];
  rows: { key: string; cells: React.ReactNode[] }[];
}

export function DataTable({ label, columns, rows }: DataTableProps) {
  return (
    <Table size="extra-small" aria-label={label}>
      {columns && (
        <TableHeader>
          <TableRow>
            {columns.map((column, i) => (
              <TableHeaderCell key={i}>{column}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
      )}
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key}>
            {row.cells.map((cell, i) => (
              <TableCell key={i}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
