/**
 * A list ranked by priority: reorder by dragging a row's handle (dnd-kit, which also lets a
 * keyboard user pick a row up with Space and move it with the arrow keys, announcing each
 * step), or with the Move up / Move down buttons. The order on screen is the rank stored.
 */
import * as React from "react";
import {
  DndContext,
  DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import {
  ArrowDownRegular,
  ArrowUpRegular,
  DeleteRegular,
  ReOrderDotsVerticalRegular,
} from "@fluentui/react-icons";
import { reorder } from "../../../domain/v2mom";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  row: {
    display: "flex",
    gap: tokens.spacingHorizontalXS,
    alignItems: "flex-start",
    padding: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  body: {
    flexGrow: 1,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  tools: { display: "flex", flexDirection: "column" },
});

export interface RankedListProps<T extends { id: string }> {
  items: readonly T[];
  label: string;
  /** How a row is named in button labels, e.g. "Method 2". */
  nameOf(index: number): string;
  labels: {
    moveUp(name: string): string;
    moveDown(name: string): string;
    remove(name: string): string;
    drag(name: string): string;
    /** What a screen reader says while dragging by keyboard, in the pane's language. */
    instructions: string;
    pickedUp(name: string): string;
    movedTo(name: string, rank: number): string;
    dropped(name: string, rank: number): string;
    cancelled(name: string): string;
  };
  onChange(items: T[]): void;
  renderItem(item: T, index: number): React.ReactNode;
  disabled?: boolean;
}

function Row({
  id,
  children,
  tools,
  dragLabel,
  disabled,
}: {
  id: string;
  children: React.ReactNode;
  tools: React.ReactNode;
  dragLabel: string;
  disabled?: boolean;
}) {
  const styles = useStyles();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } =
    useSortable({ id, disabled });
  return (
    <li
      ref={setNodeRef}
      className={styles.row}
      style={{ transform: CSS.Transform.toString(transform), transition }}
    >
      <Button
        ref={setActivatorNodeRef}
        appearance="subtle"
        size="small"
        icon={<ReOrderDotsVerticalRegular />}
        disabled={disabled}
        {...attributes}
        {...listeners}
        aria-label={dragLabel}
        aria-roledescription={undefined}
        aria-describedby={undefined}
      />
      <div className={styles.body}>{children}</div>
      <div className={styles.tools}>{tools}</div>
    </li>
  );
}

export function RankedList<T extends { id: string }>({
  items,
  label,
  nameOf,
  labels,
  onChange,
  renderItem,
  disabled,
}: RankedListProps<T>) {
  const styles = useStyles();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates })
  );
  const move = (from: number, to: number) => onChange(reorder(items, from, to));
  const rankOf = (id: string | number) => items.findIndex((item) => item.id === id) + 1;
  const nameOfId = (id: string | number) => nameOf(rankOf(id) - 1);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    move(
      items.findIndex((item) => item.id === active.id),
      items.findIndex((item) => item.id === over.id)
    );
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: labels.instructions },
        announcements: {
          onDragStart: ({ active }) => labels.pickedUp(nameOfId(active.id)),
          onDragOver: ({ active, over }) =>
            over ? labels.movedTo(nameOfId(active.id), rankOf(over.id)) : undefined,
          onDragMove: () => undefined,
          onDragEnd: ({ active, over }) =>
            over
              ? labels.dropped(nameOfId(active.id), rankOf(over.id))
              : labels.cancelled(nameOfId(active.id)),
          onDragCancel: ({ active }) => labels.cancelled(nameOfId(active.id)),
        },
      }}
    >
      <SortableContext items={items.map((item) => item.id)} strategy={verticalListSortingStrategy}>
        <ol aria-label={label} className={styles.list}>
          {items.map((item, index) => {
            const name = nameOf(index);
            return (
              <Row
                key={item.id}
                id={item.id}
                dragLabel={labels.drag(name)}
                disabled={disabled}
                tools={
                  <>
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<ArrowUpRegular />}
                      aria-label={labels.moveUp(name)}
                      disabled={disabled || index === 0}
                      onClick={() => move(index, index - 1)}
                    />
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<ArrowDownRegular />}
                      aria-label={labels.moveDown(name)}
                      disabled={disabled || index === items.length - 1}
                      onClick={() => move(index, index + 1)}
                    />
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<DeleteRegular />}
                      aria-label={labels.remove(name)}
                      disabled={disabled}
                      onClick={() => onChange(items.filter((other) => other.id !== item.id))}
                    />
                  </>
                }
              >
                {renderItem(item, index)}
              </Row>
            );
          })}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
