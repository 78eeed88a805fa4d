// The candidate fields and their labels, as core names them (loaded once per session).
import type { Backend } from "./backend";
import type { Field, FieldInfo } from "./bindings";

export const catalogue = $state<{ fields: FieldInfo[] }>({ fields: [] });

export async function loadCatalogue(backend: Backend): Promise<void> {
  if (catalogue.fields.length > 0) return;
  const r = await backend.fieldCatalogue();
  if (r.status === "ok") catalogue.fields = r.data;
}

export function label(field: Field): string {
  return catalogue.fields.find((f) => f.field === field)?.label ?? field;
}
