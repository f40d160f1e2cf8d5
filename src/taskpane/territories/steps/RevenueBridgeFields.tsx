/**
 * The revenue bridge's factors as fields: for each factor its plan value (from the scenario
 * unless typed) and its actual, typed or taken from a cell or name of the workbook. The link
 * field looks and speaks as a V2MOM measure's "Actual from cell or name" does: the same hint,
 * "Use selected cell" in Excel, and why a link cannot be used said at the field.
 */
import * as React from "react";
import { Button, Field, Input, makeStyles } from "@fluentui/react-components";
import { TargetArrowRegular } from "@fluentui/react-icons";
import { BRIDGE_FACTORS } from "../../../workbook/capacityTables";
import { NumberField } from "../../components/NumberField";
import { useI18n } from "../../i18n";
import type { CapacityPlanState } from "../hooks/useCapacityPlan";
import { useTerritoriesStyles } from "../useTerritoriesStyles.styles";

const useStyles = makeStyles({
  // The link under its factor's plan and actual, across both columns of the grid.
  link: { gridColumn: "1 / -1" },
});

export function RevenueBridgeFields({ plan }: { plan: CapacityPlanState }) {
  const styles = useTerritoriesStyles();
  const own = useStyles();
  const { t } = useI18n();
  const { inputs, messages, linkMessages, typed } = plan;
  return (
    <div className={styles.grid}>
      {BRIDGE_FACTORS.map((factor, i) => {
        const name = t(`territories.capacity.factor.${factor}`);
        const link = inputs.bridgeActualLinks[i] ?? "";
        const linked = !!link.trim();
        const linkMessage = linkMessages.get(`link.${i}`);
        return (
          <React.Fragment key={factor}>
            {(["plan", "actual"] as const).map((side) => {
              const key = `${side}.${i}`;
              const values = side === "plan" ? inputs.bridgePlan : inputs.bridgeActual;
              return (
                <NumberField
                  key={side}
                  label={t(`territories.capacity.bridge.${side}Of`, { factor: name })}
                  value={values[i]}
                  // A linked actual is read from its cell: shown, not typed.
                  disabled={side === "actual" && linked}
                  invalidMessage={t("v2mom.notNumber")}
                  validationMessage={messages.get(key)}
                  onChange={(value, invalid) => {
                    typed(key, invalid);
                    plan.setFactor(side === "plan" ? "bridgePlan" : "bridgeActual", i, value);
                  }}
                />
              );
            })}
            <Field
              className={own.link}
              label={t("territories.capacity.bridge.linkOf", { factor: name })}
              hint={t("v2mom.measure.linkHint")}
              validationMessage={linkMessage}
              validationState={linkMessage ? "error" : "none"}
            >
              <Input
                value={link}
                onChange={(_, d) => plan.setLink(i, d.value)}
                contentAfter={
                  plan.canPickCell ? (
                    <Button
                      size="small"
                      appearance="transparent"
                      icon={<TargetArrowRegular />}
                      onClick={() => void plan.pickCell(i)}
                    >
                      {t("v2mom.measure.useSelected")}
                    </Button>
                  ) : undefined
                }
              />
            </Field>
          </React.Fragment>
        );
      })}
    </div>
  );
}
