import { serialFromDate, serialFromTimestamp } from "../../src/domain/calendar";

describe("serialFromTimestamp", () => {
  it("gives Excel's serial of an instant, the time of day as the fraction", () => {
    // Excel shows 45292 as 2024-01-01 (1900 date system).
    expect(serialFromTimestamp(Date.UTC(2024, 0, 1))).toBe(45292);
    expect(serialFromTimestamp(Date.UTC(2024, 0, 1, 18))).toBe(45292.75);
    // 1900-03-01 is serial 61, the first day after Lotus's fictitious 1900-02-29.
    expect(serialFromTimestamp(Date.UTC(1900, 2, 1))).toBe(61);
  });

  it("agrees with serialFromDate from 1900-03-01 on", () => {
    expect(serialFromTimestamp(Date.UTC(2026, 11, 1))).toBe(
      serialFromDate({ year: 2026, month: 12, day: 1 })
    );
  });
});
