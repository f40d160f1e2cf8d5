/**
 * A realistic FY2027 planning workbook, the same every time (seeded): accounts with skewed
 * potential and current owners, reps with managers and new hires, opportunities with
 * outcomes and open deals, a sheet of worked PLAN formulas beside their native Excel
 * equivalents, and a company V2MOM with one cascaded organisation. `npm run sample` writes
 * it to a file; the workbench outside Excel opens it by default.
 */
import { serialFromDate } from "../domain/calendar";
import { DEFAULT_BALANCE, defaultQuotaSettings } from "../domain/planRun";
import type { V2mom } from "../domain/v2mom";
import { CellValue } from "../workbook/rows";
import { TableSpec } from "../workbook/schema";
import { PlanStore } from "../workbook/store";
import { ScenarioRun, settingsRows } from "../workbook/scenarioTables";
import { v2momToRows } from "../workbook/v2momTables";
import type { PackageDriver } from "../workbook/packageDriver";

import { STAGES } from "./constants";
import { categoryOfStage } from "./pipelineHistory";
import { seededRandom, standardNormal as normal } from "./random";
import { writePipelineHistory } from "./samplePipeline";
import { writeWorkedFormulas } from "./workedFormulas";

export { SAMPLE_FILE_NAME, STAGES } from "./constants";
export {
  FUNNEL_BY_SOURCE_FORMULA,
  QUOTA_SPLIT_FORMULA,
  SPILL_LAYOUT,
  formulaRows,
} from "./workedFormulas";
export { SAMPLE_PIPELINE_SOURCE } from "./samplePipeline";
export const FISCAL_YEAR = 2027;
export const SAMPLE_SCENARIO = "FY27 Base";

const REGIONS = ["North America", "Latin America", "EMEA", "APAC", "Greater China"];
const INDUSTRIES = [
  "Software",
  "Financial Services",
  "Healthcare",
  "Manufacturing",
  "Retail",
  "Energy",
  "Telecom",
  "Public Sector",
  "Education",
  "Media",
  "Logistics",
  "Professional Services",
];
const SIZE_TIERS = ["Enterprise", "Mid-Market"];
const LEAD_SOURCES = ["Inbound", "Outbound", "Partner", "Event"];
const FIRST = [
  "Alex",
  "Wei",
  "Priya",
  "Jordan",
  "Mei",
  "Lucas",
  "Sofia",
  "Kenji",
  "Amara",
  "Noah",
  "Li Na",
  "Omar",
  "Elena",
];
const LAST = [
  "Chen",
  "Smith",
  "Patel",
  "García",
  "Kim",
  "Müller",
  "Okafor",
  "Rossi",
  "Wang",
  "Nguyen",
  "Silva",
  "Khan",
];
const COMPANY_WORDS = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Stark",
  "Wayne",
  "Tyrell",
  "Cyberdyne",
  "Soylent",
  "Hooli",
  "Vandelay",
  "Wonka",
];

/** A user's own source tables, not plan tables: the add-in reads them and never rewrites them unasked. */
export const sourceTables = {
  accounts: {
    table: "Accounts",
    sheet: "Accounts",
    key: ["AccountId"],
    history: false,
    columns: [
      "AccountId",
      "Name",
      "Region",
      "Industry",
      "SizeTier",
      "Potential",
      "Workload",
      "Owner",
    ].map((header) => ({
      header,
      type:
        header === "Potential" || header === "Workload" ? ("number" as const) : ("text" as const),
    })),
  },
  reps: {
    table: "Reps",
    sheet: "Reps",
    key: ["RepId"],
    history: false,
    columns: [
      ["RepId", "text"],
      ["Name", "text"],
      ["Manager", "text"],
      ["Regions", "text"],
      ["Industries", "text"],
      ["SizeTiers", "text"],
      ["Capacity", "number"],
      ["StartDate", "date"],
    ].map(([header, type]) => ({ header, type: type as "text" | "number" | "date" })),
  },
  opportunities: {
    table: "Opportunities",
    sheet: "Opportunities",
    key: ["OpportunityId"],
    history: false,
    columns: [
      ["OpportunityId", "text"],
      ["AccountId", "text"],
      ["LeadSource", "text"],
      ["Created", "date"],
      ["Closed", "date"],
      ["StageReached", "text"],
      ["Amount", "number"],
      ["Outcome", "text"],
      // What a CRM export holds besides: the pipeline stage (Won / Lost once closed), the
      // expected close date, the owner and the forecast category (the Pipeline pane's fields).
      ["Stage", "text"],
      ["CloseDate", "date"],
      ["Owner", "text"],
      ["ForecastCategory", "text"],
    ].map(([header, type]) => ({ header, type: type as "text" | "number" | "date" })),
  },
} satisfies Record<string, TableSpec>;

export interface SampleData {
  accounts: CellValue[][];
  reps: CellValue[][];
  opportunities: CellValue[][];
  documents: V2mom[];
}

export function sampleData(
  seed = 2027,
  sizes = { accounts: 2000, reps: 25, opportunities: 5000 }
): SampleData {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const fyStart = serialFromDate({ year: FISCAL_YEAR, month: 1, day: 1 });
  const asOf = serialFromDate({ year: FISCAL_YEAR - 1, month: 11, day: 27 });

  const managers = ["MGR-AMER", "MGR-EMEA", "MGR-APAC"];
  const reps: CellValue[][] = Array.from({ length: sizes.reps }, (_, i) => {
    const region = REGIONS[i % REGIONS.length];
    const newHire = i >= sizes.reps - 3;
    const manager = region.includes("America")
      ? managers[0]
      : region === "EMEA"
        ? managers[1]
        : managers[2];
    return [
      `R${String(i + 1).padStart(3, "0")}`,
      `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
      manager,
      region,
      "*",
      i % 4 === 0 ? "Enterprise" : SIZE_TIERS.join("; "),
      newHire ? 0.5 : i % 6 === 0 ? 0.8 : 1,
      newHire ? fyStart + 31 * (i - sizes.reps + 4) : null,
    ];
  });
  const regionCapacity = REGIONS.map((region) =>
    reps.filter((r) => r[3] === region).reduce((sum, r) => sum + Number(r[6]), 0)
  );
  const totalCapacity = regionCapacity.reduce((a, b) => a + b, 0);
  const repsIn = (region: string) => reps.filter((r) => r[3] === region && r[7] === null);

  const accounts: CellValue[][] = Array.from({ length: sizes.accounts }, (_, i) => {
    // Regions as rich as their staffing, as sales ops plan it; industries and potential skew within.
    let draw = random() * totalCapacity;
    let g = 0;
    while (g < REGIONS.length - 1 && draw >= regionCapacity[g]) draw -= regionCapacity[g++];
    const region = REGIONS[g];
    const tier = random() < 0.25 ? "Enterprise" : "Mid-Market";
    const potential =
      Math.round(Math.exp(11.5 + 1.1 * normal(random) + (tier === "Enterprise" ? 1 : 0)) / 100) *
      100;
    const owners = repsIn(region).filter((r) => String(r[5]).includes(tier));
    const owner = owners.length && random() < 0.9 ? pick(owners)[0] : null;
    return [
      `A${String(i + 1).padStart(5, "0")}`,
      `${pick(COMPANY_WORDS)} ${pick(INDUSTRIES).split(" ")[0]} ${i + 1}`,
      region,
      pick(INDUSTRIES),
      tier,
      potential,
      Math.round((1 + random() * 4) * 10) / 10,
      owner,
    ];
  });

  const opportunities: CellValue[][] = Array.from({ length: sizes.opportunities }, (_, i) => {
    const account = pick(accounts);
    const source = pick(LEAD_SOURCES);
    const created = asOf - Math.floor(random() * 540);
    const quality = { Inbound: 0.78, Outbound: 0.62, Partner: 0.82, Event: 0.7 }[source]!;
    let stage = 0;
    while (stage < STAGES.length - 2 && random() < quality) stage++;
    const cycle = Math.round(Math.exp(4.1 + 0.5 * normal(random)));
    const closedAt = created + cycle;
    const open = closedAt > asOf;
    const won = !open && stage === STAGES.length - 2 && random() < 0.6;
    return [
      `OPP-${String(i + 1).padStart(5, "0")}`,
      account[0],
      source,
      created,
      open ? null : closedAt,
      won ? STAGES[STAGES.length - 1] : STAGES[stage],
      Math.round((Number(account[5]) * (0.05 + random() * 0.2)) / 100) * 100,
      open ? "Open" : won ? "Won" : "Lost",
      // Derived without drawing again, so every figure above stays as it was.
      open ? STAGES[stage] : won ? "Won" : "Lost",
      closedAt,
      account[7],
      open ? categoryOfStage(STAGES[stage]) : null,
    ];
  });

  const company: V2mom = {
    id: "D1",
    orgUnit: "Contoso",
    level: "Company",
    owner: "CEO",
    fiscalYear: FISCAL_YEAR,
    version: "Annual",
    status: "Published",
    vision: "Every customer plans its year with confidence, in its own workbook.",
    values: [
      { id: "V1", text: "Trust" },
      { id: "V2", text: "Customer success" },
      { id: "V3", text: "Innovation" },
    ],
    methods: [
      { id: "M1", text: "Grow enterprise revenue 30%", owner: "CRO" },
      { id: "M2", text: "Win in Greater China and APAC", owner: "GM APAC" },
      { id: "M3", text: "Shorten the sales cycle by two weeks", owner: "VP Sales Ops" },
    ],
    obstacles: [{ id: "O1", text: "Hiring experienced reps in APAC", methodId: "M2" }],
    measures: [
      {
        id: "K1",
        methodId: "M1",
        metric: "Closed-won revenue",
        unit: "USD",
        target: 60_000_000,
        actualLink: "'PLAN Formulas'!C6",
        direction: "Higher is better",
      },
      {
        id: "K2",
        methodId: "M3",
        metric: "Median sales cycle",
        unit: "days",
        target: 60,
        actual: 62,
        // Shorter is better: on track at 60 days or fewer, at risk up to 10% longer (66 days).
        direction: "Lower is better",
        onTrackAt: 1,
        atRiskAt: 1.1,
      },
    ],
  };
  const sales: V2mom = {
    ...company,
    id: "D2",
    orgUnit: "Global Sales",
    level: "Organisation",
    owner: "CRO",
    parentId: "D1",
    status: "Draft",
    vision: "Every rep has a fair territory and a quota they believe in.",
    values: [{ id: "V1", text: "Fairness" }],
    methods: [
      { id: "M1", text: "Balance territories by potential", owner: "Sales Ops", alignsTo: "M1" },
      { id: "M2", text: "Ramp three APAC hires by Q2", owner: "GM APAC", alignsTo: "M2" },
    ],
    obstacles: [],
    measures: [
      {
        id: "K1",
        methodId: "M1",
        metric: "Largest territory deviation",
        unit: "%",
        target: 5,
        actual: 4,
        // The smaller the largest deviation, the fairer the territories.
        direction: "Lower is better",
      },
    ],
  };
  return { accounts, reps, opportunities, documents: [company, sales] };
}

const header = (spec: TableSpec) => spec.columns.map((c) => c.header);

/** The rules of a run over the sample's Accounts and Reps tables, each field mapped to its column. */
export function sampleRun(
  balance: ScenarioRun["balance"],
  quota: ScenarioRun["quota"]
): ScenarioRun {
  const headers = (spec: TableSpec) =>
    Object.fromEntries(spec.columns.map((c) => [c.header, c.header]));
  const a = headers(sourceTables.accounts);
  const r = headers(sourceTables.reps);
  return {
    accountsTable: { name: "Accounts", sheet: "Accounts" },
    repsTable: { name: "Reps", sheet: "Reps" },
    accountColumns: {
      id: a.AccountId,
      name: a.Name,
      region: a.Region,
      industry: a.Industry,
      sizeTier: a.SizeTier,
      potential: a.Potential,
      workload: a.Workload,
      currentOwner: a.Owner,
    },
    repColumns: {
      id: r.RepId,
      name: r.Name,
      manager: r.Manager,
      regions: r.Regions,
      industries: r.Industries,
      sizeTiers: r.SizeTiers,
      capacity: r.Capacity,
      startDate: r.StartDate,
    },
    balance,
    quota,
  };
}

/** Writes the sample into an empty workbook through the same storage layer the panes use. */
export async function writeSamplePlan(driver: PackageDriver, seed = 2027): Promise<void> {
  const data = sampleData(seed);
  await driver.writeTable(sourceTables.accounts, header(sourceTables.accounts), data.accounts);
  await driver.writeTable(sourceTables.reps, header(sourceTables.reps), data.reps);
  await driver.writeTable(
    sourceTables.opportunities,
    header(sourceTables.opportunities),
    data.opportunities
  );
  await writeWorkedFormulas(driver, data);
  const store = new PlanStore(driver, () => new Date(Date.UTC(FISCAL_YEAR - 1, 10, 27)));
  // One Active scenario with its rules, and no results yet: the pane starts from these rules
  // and `sales-plan territories` / `quotas` run them.
  const run = sampleRun(DEFAULT_BALANCE, {
    ...defaultQuotaSettings(FISCAL_YEAR, 60_000_000),
    funnel: { rates: [0.6, 0.45, 0.35], avgDealSize: 35_000 },
  });
  await store.save(await store.load(), {
    ...v2momToRows(data.documents),
    scenarios: [
      {
        Scenario: SAMPLE_SCENARIO,
        Created: serialFromDate({ year: FISCAL_YEAR - 1, month: 11, day: 27 }),
        Note: "FY27 rules: balance within 5%, move at most 20% of accounts",
        State: "Active",
      },
    ],
    scenarioSettings: settingsRows(SAMPLE_SCENARIO, run),
  });
  await writePipelineHistory(
    store,
    header(sourceTables.opportunities),
    data.opportunities,
    serialFromDate({ year: FISCAL_YEAR - 1, month: 11, day: 27 })
  );
}
