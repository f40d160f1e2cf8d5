import { formatNumberList, parseNumber, parseNumberList } from "../../src/domain/numberList";

describe("parseNumber (one number in a field)", () => {
  it("reads digits grouped by commas, spaces or underscores", () => {
    expect(parseNumber("1,200")).toBe(1200);
    expect(parseNumber(" 1 200 ")).toBe(1200);
    expect(parseNumber("1_200.5")).toBe(1200.5);
    expect(parseNumber("-3")).toBe(-3);
  });

  it("reads a trailing percent as a share", () => {
    expect(parseNumber("25%")).toBe(0.25);
    expect(parseNumber("12.5 %")).toBe(0.125);
  });

  it("says blank apart from not a number", () => {
    expect(parseNumber("")).toBeUndefined();
    expect(parseNumber("   ")).toBeUndefined();
    expect(parseNumber("twelve")).toBe("invalid");
    expect(parseNumber("%")).toBe("invalid");
    expect(parseNumber("1.2.3")).toBe("invalid");
  });
});

describe("parseNumberList", () => {
  it("separates items by semicolons or commas, spaces around them aside", () => {
    expect(parseNumberList("25%; 50%; 75%")).toEqual({ values: [0.25, 0.5, 0.75], problems: [] });
    expect(parseNumberList("1,2 , 3")).toEqual({ values: [1, 2, 3], problems: [] });
    expect(parseNumberList("0.5;1,1.5")).toEqual({ values: [0.5, 1, 1.5], problems: [] });
  });

  it("keeps spaces and underscores as digit grouping inside an item, not as separators", () => {
    expect(parseNumberList("1 000; 2_500").values).toEqual([1000, 2500]);
  });

  it("skips blank items and reads nothing from blank text", () => {
    expect(parseNumberList("1;;2;")).toEqual({ values: [1, 2], problems: [] });
    expect(parseNumberList("")).toEqual({ values: [], problems: [] });
    expect(parseNumberList(" ; ")).toEqual({ values: [], problems: [] });
  });

  it("locates each item that is not a number and still reads the others", () => {
    // "10%; abc; 30%, x%": "abc" is the second item, starting at offset 5; "x%" the fourth, at 15.
    expect(parseNumberList("10%; abc; 30%, x%")).toEqual({
      values: [0.1, 0.3],
      problems: [
        { code: "notANumber", item: 2, text: "abc", at: 5 },
        { code: "notANumber", item: 4, text: "x%", at: 15 },
      ],
    });
  });

  it("counts items after blank ones by the numbers typed", () => {
    // "1;;oops": the blank between the semicolons is not an item, so "oops" is the second, at 3.
    expect(parseNumberList("1;;oops").problems).toEqual([
      { code: "notANumber", item: 2, text: "oops", at: 3 },
    ]);
  });

  it("takes no decimal comma: 1,5 is two numbers", () => {
    expect(parseNumberList("1,5").values).toEqual([1, 5]);
  });
});

describe("formatNumberList", () => {
  it("writes plain numbers separated by semicolons", () => {
    expect(formatNumberList([1, 1.5, 12])).toBe("1; 1.5; 12");
  });

  it("writes shares as percentages to four decimals of a percent", () => {
    expect(formatNumberList([0.25, 0.5, 0.75], "percent")).toBe("25%; 50%; 75%");
    expect(formatNumberList([1 / 3], "percent")).toBe("33.3333%");
    // 0.07 × 100 is 7.000000000000001 in floating point; the list shows 7%.
    expect(formatNumberList([0.07], "percent")).toBe("7%");
  });

  it("writes nothing for no list", () => {
    expect(formatNumberList(undefined)).toBe("");
    expect(formatNumberList([], "percent")).toBe("");
  });

  it("reads back what it writes", () => {
    expect(parseNumberList(formatNumberList([0.25, 0.5], "percent")).values).toEqual([0.25, 0.5]);
    expect(parseNumberList(formatNumberList([8, 9.5, 10])).values).toEqual([8, 9.5, 10]);
  });
});
