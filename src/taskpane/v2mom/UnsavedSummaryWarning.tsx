/**
 * Asked before writing the executive summary while the open V2MOM has unsaved edits: the
 * summary is written from the saved V2MOMs, so the edits would otherwise be left out unseen.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { useI18n } from "../i18n";

export function UnsavedSummaryWarning(props: {
  /** The open V2MOM's name. */
  name: string;
  /** False while nothing is saved yet: a summary without the edits would be empty. */
  canWriteWithout: boolean;
  onSaveFirst(): void;
  onWriteWithout(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>{t("v2mom.summary.unsaved", { orgUnit: props.name })}</MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" size="small" onClick={props.onSaveFirst}>
          {t("v2mom.summary.saveAndWrite")}
        </Button>
        <Button size="small" disabled={!props.canWriteWithout} onClick={props.onWriteWithout}>
          {t("v2mom.summary.writeWithout")}
        </Button>
        <Button size="small" appearance="subtle" onClick={props.onCancel}>
          {t("v2mom.summary.cancel")}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
