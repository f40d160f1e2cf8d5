/**
 * A long list that renders only the rows in view (TanStack Virtual), so 200 documents or
 * 5,000 methods scroll without lag. Rows keep their list semantics for screen readers
 * through aria-setsize and aria-posinset.
 */
import * as React from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  scroller: {
    overflowY: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  inner: { position: "relative", width: "100%", margin: 0, padding: 0, listStyleType: "none" },
  row: { position: "absolute", left: 0, width: "100%" },
});

export interface VirtualListProps<T> {
  items: readonly T[];
  label: string;
  /** Estimated row height in pixels; rows are measured once drawn. */
  rowHeight: number;
  height: string;
  itemKey(item: T): string;
  renderItem(item: T, index: number): React.ReactNode;
}

export function VirtualList<T>({
  items,
  label,
  rowHeight,
  height,
  itemKey,
  renderItem,
}: VirtualListProps<T>) {
  const styles = useStyles();
  const scroller = React.useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (index) => itemKey(items[index]),
    // Before layout (and where there is none, as in tests) draw a screenful.
    initialRect: { width: 360, height: 480 },
  });
  return (
    <div
      ref={scroller}
      className={styles.scroller}
      style={{ maxHeight: height }}
      data-virtual-scroller=""
    >
      <ul
        aria-label={label}
        className={styles.inner}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((row) => (
          <li
            key={row.key}
            data-index={row.index}
            ref={virtualizer.measureElement}
            className={styles.row}
            style={{ transform: `translateY(${row.start}px)` }}
            aria-setsize={items.length}
            aria-posinset={row.index + 1}
          >
            {renderItem(items[row.index], row.index)}
          </li>
        ))}
      </ul>
    </div>
  );
}
