import { NearDuplicateFilter, nearDuplicateText } from "@/lib/export/near-duplicates";
import type { ExportRecord } from "@/lib/export/types";
import { willWrite } from "./will-write";

/**
 * Drops records whose instruction is a near-duplicate of one already let
 * through (records come in id order, so the earlier node — usually the
 * parent — is kept). Records the encoder will skip anyway pass untouched,
 * so they never shadow a later record that will be written.
 */
export async function* dedupeRecords(
  records: AsyncIterable<ExportRecord>,
  options: {
    threshold: number;
    expectedRecords?: number;
    onRemoved: (record: ExportRecord) => void;
  },
): AsyncGenerator<ExportRecord> {
  const filter = new NearDuplicateFilter({ threshold: options.threshold, expectedRecords: options.expectedRecords });
  for await (const record of records) {
    if (willWrite(record) && filter.isDuplicate(nearDuplicateText(record))) {
      options.onRemoved(record);
      continue;
    }
    yield record;
  }
}
