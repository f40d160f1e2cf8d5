/**
 * "Write Pipeline Review sheet": the period to review and the button that draws the sheet for
 * executives (usePipelineReview.ts), with how it went. It stands on its own under the steps,
 * so the pane adds it with one line: `<ReviewButton />`.
 */
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { useI18n } from "../../i18n";
import { usePipelineReview } from "../usePipelineReview";
import { usePipelineStyles } from "../usePipelineStyles.styles";

export function ReviewButton() {
  const styles = usePipelineStyles();
  const { t } = useI18n();
  const review = usePipelineReview();
  return (
    <section className={styles.step} aria-label={t("pipeline.review.write")}>
      {/* Its own heading and label: under the Forecast step it stands beside another Period. */}
      <Subtitle2 as="h2">{t("pipeline.review.heading")}</Subtitle2>
      <div className={styles.row}>
        <Field
          label={t("pipeline.review.period")}
          hint={t("pipeline.review.periodHint")}
          validationMessage={review.periodMessage}
          validationState={review.periodMessage ? "error" : "none"}
        >
          <Input
            value={review.periodText}
            disabled={!review.captured}
            onChange={(_, d) => review.setPeriodText(d.value)}
          />
        </Field>
        <Button disabled={!review.canWrite} onClick={() => void review.write()}>
          {review.writing ? t("pipeline.review.writing") : t("pipeline.review.write")}
        </Button>
      </div>
      {!review.captured && <Text size={200}>{t("pipeline.movement.noCaptures")}</Text>}
      {review.message && (
        <MessageBar intent={review.message.intent} layout="multiline">
          <MessageBarBody>{review.message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
