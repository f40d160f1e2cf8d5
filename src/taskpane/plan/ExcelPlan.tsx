import * as React from "react";
import { OfficeDriver } from "../../workbook/officeDriver";
import { PlanStore } from "../../workbook/store";
import { PlanProvider } from "./PlanContext";

/** Inside Excel the plan is the open workbook, read and written through Office.js. */
export function ExcelPlan({ children }: { children: React.ReactNode }) {
  const store = React.useMemo(() => new PlanStore(new OfficeDriver()), []);
  return <PlanProvider store={store}>{children}</PlanProvider>;
}
