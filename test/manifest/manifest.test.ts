import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const validator = join(__dirname, "../../tools/manifest-schemas/validate.sh");
const manifestPath = join(__dirname, "../../manifest.xml");
const manifest = readFileSync(manifestPath, "utf8");

function validate(xml: string) {
  const file = join(mkdtempSync(join(tmpdir(), "manifest-")), "manifest.xml");
  writeFileSync(file, xml);
  const run = spawnSync("bash", [validator, file], { encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("manifest.xml", () => {
  it("passes the offline schema and resource-id checks", () => {
    const result = validate(manifest);
    expect(result.output).toContain("PASS");
    expect(result.status).toBe(0);
  });

  it("is rejected when a resid points at nothing, so npm test would fail", () => {
    const broken = manifest.replace('<Label resid="V2mom.Label"/>', '<Label resid="V2mom.Labl"/>');
    expect(broken).not.toBe(manifest);
    const result = validate(broken);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/V2mom\.Labl.*did you mean "V2mom\.Label"/);
  });

  it("is rejected when elements are out of the order Office requires", () => {
    const broken = manifest.replace(
      "<Version>0.1.0.0</Version>\n  <ProviderName>Sales Planning Team</ProviderName>",
      "<ProviderName>Sales Planning Team</ProviderName>\n  <Version>0.1.0.0</Version>"
    );
    expect(broken).not.toBe(manifest);
    expect(validate(broken).status).toBe(1);
  });

  it("shares one runtime between functions, pane and ribbon, under the PLAN namespace", () => {
    expect(manifest).toContain('<Set Name="SharedRuntime" MinVersion="1.1"/>');
    expect(manifest).toContain('<Runtime resid="Taskpane.Url" lifetime="long"/>');
    expect(manifest).toMatch(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/);
    expect(manifest).toContain('<FunctionFile resid="Taskpane.Url"/>');
    expect(manifest).toContain('<bt:String id="Functions.Namespace" DefaultValue="PLAN"/>');
    expect(validate(manifest).output).not.toContain("warning");
  });

  it("puts a Sales Planning group with the three pane buttons on the Home tab", () => {
    expect(manifest).toMatch(/<OfficeTab id="TabHome">\s*<Group id="SalesPlanningGroup">/);
    expect(manifest).toContain('<bt:String id="Group.Label" DefaultValue="Sales Planning">');
    expect(manifest).toContain("<FunctionName>openV2momPane</FunctionName>");
    expect(manifest).toContain("<FunctionName>openTerritoriesPane</FunctionName>");
    expect(manifest).toContain("<FunctionName>openPipelinePane</FunctionName>");
  });

  it("labels the Pipeline button in English and Simplified Chinese", () => {
    expect(manifest).toMatch(
      /<bt:String id="Pipeline.Label" DefaultValue="Pipeline">\s*<bt:Override Locale="zh-CN" Value="销售漏斗"\/>/
    );
    expect(manifest).toMatch(
      /<bt:String id="Pipeline.Tooltip"[^>]*>\s*<bt:Override Locale="zh-CN"/
    );
  });
});
