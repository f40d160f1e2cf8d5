/**
 * Step 2, Rules: how balanced the territories must be and how much may change, each checked
 * by the engine's own rules next to its field; routing and locks come from the tables.
 */
import { Button, Text } from "@fluentui/react-components";
import { PlayRegular } from "@fluentui/react-icons";
import type { BalanceSettings } from "../../../domain/territory";
import { NumberField } from "../../components/NumberField";
import { useI18n } from "../../i18n";
import { useTerritoriesStyles } from "../useTerritoriesStyles.styles";

const RULES = ["workloadWeight", "toleranceBand", "maxMovedShare", "maxAccountsPerRep"] as const;
type Rule = (typeof RULES)[number];

export interface RulesStepProps {
  balance: BalanceSettings;
  /** `invalid`: the field's text is not a number yet (the last number is kept meanwhile). */
  onChange(rule: Rule, value: number | undefined, invalid: boolean): void;
  /** What the engine would refuse in each rule, in words. */
  messages: ReadonlyMap<string, string>;
  ready: boolean;
  /** Why a run cannot start yet, in words (the data or a setting marked at its field). */
  blockedBy?: string;
  running: boolean;
  onRun(): void;
}

export function RulesStep(props: RulesStepProps) {
  const { balance, onChange, messages, ready, blockedBy, running, onRun } = props;
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  return (
    <section className={styles.step} aria-label={t("territories.step.rules")}>
      <Text size={200}>{t("territories.routing")}</Text>
      <div className={styles.grid}>
        {RULES.map((key) => (
          <NumberField
            key={key}
            label={t(`territories.${key}`)}
            value={balance[key]}
            invalidMessage={t("v2mom.notNumber")}
            validationMessage={messages.get(key)}
            onChange={(value, invalid) => onChange(key, value, invalid)}
          />
        ))}
      </div>
      <Text size={200}>{t("territories.locksHint")}</Text>
      <Button
        appearance="primary"
        icon={<PlayRegular />}
        disabled={!ready || running}
        onClick={onRun}
      >
        {t("territories.run")}
      </Button>
      {!ready && blockedBy && <Text size={200}>{blockedBy}</Text>}
    </section>
  );
}
