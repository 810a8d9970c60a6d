// The shape of one catalogue entry: what happened, and what to do next.
export interface CatalogueEntry {
  message: string;
  action: string;
}

export type CatalogueEntries = Record<string, CatalogueEntry>;
