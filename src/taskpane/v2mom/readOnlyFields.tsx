/**
 * How a field of a published V2MOM (or an actual its link supplies) reads: a read-only input
 * on a filled background, which can still be focused, read aloud and copied from, rather than
 * a disabled field's grey text that looks switched off.
 */
import { Field, Input, Select, SelectProps } from "@fluentui/react-components";

/** The props that make an Input or Textarea read-only and look it. */
export const readOnlyLook = (readOnly: boolean) =>
  readOnly ? ({ readOnly: true, appearance: "filled-darker" } as const) : {};

/** A select, or, read-only, the chosen option's words in a read-only input (a select cannot be read-only). */
export function ChoiceSelect(props: SelectProps & { readOnly: boolean; shown: string }) {
  const { readOnly, shown, ...select } = props;
  return readOnly ? <Input {...readOnlyLook(true)} value={shown} /> : <Select {...select} />;
}

/** A number shown, not typed: in the reader's number format, blank when there is none. */
export function ReadOnlyNumber(props: {
  label: string;
  value: number | undefined;
  locale: string;
  hint?: string;
}) {
  return (
    <Field label={props.label} hint={props.hint}>
      <Input
        {...readOnlyLook(true)}
        value={props.value === undefined ? "" : props.value.toLocaleString(props.locale)}
      />
    </Field>
  );
}
