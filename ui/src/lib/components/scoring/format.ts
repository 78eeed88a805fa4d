// Numbers as the French read and type them. Core does the real arithmetic; these only
// show values and preview running totals while a member types.

/** 12.5 -> "12,5"; at most two decimals, trailing zeros dropped. */
export function number(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded).replace(".", ",").replace("-", "−");
}

/** "12,5" or "12.5" -> 12.5; empty or not a number -> null. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (t === "" || !/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}
