import { isBlankCell, labelKey } from "../../src/domain/labels";

describe("isBlankCell", () => {
  it("is blank for nothing and for text of only spaces", () => {
    expect([null, undefined, "", "   ", "\t"].map(isBlankCell)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it("is not blank for a zero, FALSE or any text", () => {
    expect([0, false, "0", " x "].map(isBlankCell)).toEqual([false, false, false, false]);
  });
});

describe("labelKey", () => {
  it("matches labels whatever their case and surrounding spaces", () => {
    expect(labelKey("  Closed Won ")).toBe("closed won");
    expect(labelKey("EMEA")).toBe("emea");
  });
});
