/**
 * A number typed as text: what the user typed stays on screen even when it is not a number
 * yet, and the field says so in words instead of silently dropping it.
 */
import * as React from "react";
import { Field, Input } from "@fluentui/react-components";
import { parseNumber } from "../../../domain/numberList";

export interface NumberFieldProps {
  label: string;
  value: number | undefined;
  /** `invalid` is true while the text is not a number; the last valid value is kept meanwhile. */
  onChange(value: number | undefined, invalid: boolean): void;
  invalidMessage: string;
  /** A message from elsewhere (the model's own rules). */
  validationMessage?: string;
  disabled?: boolean;
  hint?: string;
}

export function NumberField({
  label,
  value,
  onChange,
  invalidMessage,
  validationMessage,
  disabled,
  hint,
}: NumberFieldProps) {
  const [text, setText] = React.useState(value === undefined ? "" : String(value));
  const parsed = parseNumber(text);
  // A value changed from outside (undo, reload) replaces the text unless it means the same number.
  React.useEffect(() => {
    setText((current) => {
      const now = parseNumber(current);
      return now === value || (now === undefined && value === undefined)
        ? current
        : value === undefined
          ? ""
          : String(value);
    });
  }, [value]);
  const message = parsed === "invalid" ? invalidMessage : validationMessage;
  return (
    <Field
      label={label}
      validationMessage={message}
      validationState={message ? "error" : "none"}
      hint={hint}
    >
      <Input
        value={text}
        inputMode="decimal"
        disabled={disabled}
        onChange={(_, data) => {
          setText(data.value);
          const next = parseNumber(data.value);
          onChange(next === "invalid" ? value : next, next === "invalid");
        }}
      />
    </Field>
  );
}

/**
 * Which number fields hold text that is not a number yet, by key; a form saves or runs
 * nothing while any does.
 */
export function useUntypedFields(): [
  ReadonlySet<string>,
  (key: string, untyped: boolean) => void,
  () => void,
] {
  const [untyped, setUntyped] = React.useState<ReadonlySet<string>>(new Set());
  const mark = React.useCallback(
    (key: string, bad: boolean) =>
      setUntyped((all) => {
        if (all.has(key) === bad) return all;
        const next = new Set(all);
        if (bad) next.add(key);
        else next.delete(key);
        return next;
      }),
    []
  );
  const clear = React.useCallback(() => setUntyped(new Set()), []);
  return [untyped, mark, clear];
}
