/**
 * The numbered steps of a step-by-step pane ("1. Data", "2. Rules"…), wrapping onto a second
 * line in a narrow task pane rather than scrolling it sideways.
 */
import { Tab, TabList, makeStyles } from "@fluentui/react-components";
import { paneLayout } from "../paneLayout.styles";

const useStyles = makeStyles({ steps: paneLayout.steps });

export interface StepTabsProps<S extends string> {
  steps: readonly S[];
  selected: S;
  onSelect: (step: S) => void;
  /** The step's name in the reader's language. */
  label: (step: S) => string;
}

export function StepTabs<S extends string>({ steps, selected, onSelect, label }: StepTabsProps<S>) {
  const styles = useStyles();
  return (
    <TabList
      className={styles.steps}
      size="small"
      selectedValue={selected}
      onTabSelect={(_, d) => onSelect(d.value as S)}
    >
      {steps.map((s, i) => (
        <Tab key={s} value={s}>
          {i + 1}. {label(s)}
        </Tab>
      ))}
    </TabList>
  );
}
