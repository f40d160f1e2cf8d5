/**
 * Number formats as both adapters read them: a cell holding a number in a date format is a
 * date (Excel stores dates as day numbers; only the format tells them apart).
 */

/**
 * Whether a number format shows a date or time: it has d, m, y, h or s outside quoted text,
 * escapes (\x, _x, *x) and brackets ([Red], [$-409]); elapsed-time brackets ([h], [mm]) count.
 */
export function isDateFormat(format: string): boolean {
  if (!format || format === "General" || format === "@") return false;
  const bare = format
    .replace(/"[^"]*"/g, "")
    .replace(/\\.|_.|\*./g, "")
    .replace(/\[(h+|m+|s+)\]/gi, "$1")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/General/gi, "");
  return /[dmyhs]/i.test(bare);
}
