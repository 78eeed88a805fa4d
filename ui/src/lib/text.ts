// Text helpers for searching as people type: case and accents do not matter.

/** Lower case, accents removed: "Lefèvre" and "LEFEVRE" both give "lefevre". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}
