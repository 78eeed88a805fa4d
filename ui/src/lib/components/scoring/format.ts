// Numbers as the French read them. Core reads what is typed and does the arithmetic; this
// only shows values core sent.

/** 12.5 -> "12,5"; at most two decimals, trailing zeros dropped. */
export function number(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded).replace(".", ",").replace("-", "−");
}
